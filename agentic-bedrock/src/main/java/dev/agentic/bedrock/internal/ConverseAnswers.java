package dev.agentic.bedrock.internal;

import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/** Maps Converse answers (whole or assembled from a stream) to {@link ChatResponse}. Stateless. */
public final class ConverseAnswers {
    private ConverseAnswers() {}

    /** A Converse answer as our response; {@code modelId} is the model that was asked. */
    public static ChatResponse response(ConverseResponse r, String modelId) {
        List<ContentBlock> blocks = new ArrayList<>();
        if (r.output() != null && r.output().message() != null) {
            for (var b : r.output().message().content()) {
                if (b.text() != null) {
                    blocks.add(new ContentBlock.Text(b.text()));
                } else if (b.toolUse() != null) {
                    ToolUseBlock u = b.toolUse();
                    blocks.add(new ContentBlock.ToolUse(
                            u.toolUseId(), u.name(), u.input() == null ? "{}" : Documents.toJson(u.input())));
                }
            }
        }
        TokenUsage usage = r.usage() == null
                ? TokenUsage.ZERO
                : usage(
                        r.usage().inputTokens(),
                        r.usage().outputTokens(),
                        r.usage().cacheReadInputTokens(),
                        r.usage().cacheWriteInputTokens());
        return response(blocks, stopReason(r.stopReasonAsString()), usage, modelId);
    }

    /** A response of {@code blocks} (an empty text block when there are none). */
    public static ChatResponse response(List<ContentBlock> blocks, StopReason stop, TokenUsage usage, String modelId) {
        List<ContentBlock> content = blocks.isEmpty() ? List.of(new ContentBlock.Text("")) : blocks;
        return new ChatResponse(new Message(Role.ASSISTANT, content), stop, usage, modelId);
    }

    /** Token counts as reported (each may be absent). */
    public static TokenUsage usage(Integer input, Integer output, Integer cacheRead, Integer cacheWrite) {
        return new TokenUsage(n(input), n(output), n(cacheRead), n(cacheWrite));
    }

    private static long n(Integer i) {
        return i == null ? 0 : i;
    }

    /**
     * Our stop reason for Bedrock's: {@code model_context_window_exceeded} (the answer filled the context
     * window) is reported like {@code max_tokens}, guardrail and content filters as content filtered,
     * anything else unknown as other.
     */
    public static StopReason stopReason(String reason) {
        if (reason == null) {
            return StopReason.OTHER;
        }
        switch (reason) {
            case "end_turn":
                return StopReason.END_TURN;
            case "tool_use":
                return StopReason.TOOL_USE;
            case "max_tokens":
            case "model_context_window_exceeded":
                return StopReason.MAX_TOKENS;
            case "stop_sequence":
                return StopReason.STOP_SEQUENCE;
            case "guardrail_intervened":
            case "content_filtered":
                return StopReason.CONTENT_FILTERED;
            default:
                return StopReason.OTHER;
        }
    }
}
