package dev.agentic.core.model;

import dev.agentic.core.annotation.Stable;
import java.util.List;
import java.util.Objects;

/**
 * A model's answer.
 *
 * @param message the assistant message (text and tool calls)
 * @param stopReason why it stopped
 * @param usage tokens consumed
 * @param modelId the model that actually answered (after any fallback)
 */
@Stable
public record ChatResponse(Message message, StopReason stopReason, TokenUsage usage, String modelId) {
    public ChatResponse {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stopReason, "stopReason");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(modelId, "modelId");
    }

    /** A plain text answer that ended its turn. */
    public static ChatResponse ofText(String text, TokenUsage usage, String modelId) {
        return new ChatResponse(Message.assistant(text), StopReason.END_TURN, usage, modelId);
    }

    /** The answer's text blocks, concatenated. */
    public String text() {
        return message.text();
    }

    public List<ContentBlock.ToolUse> toolUses() {
        return message.toolUses();
    }

    /** A copy naming a different answering model (used by fallback chains). */
    public ChatResponse withModelId(String id) {
        return new ChatResponse(message, stopReason, usage, id);
    }
}
