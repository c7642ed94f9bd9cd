package dev.agentic.core.model;

import dev.agentic.core.annotation.Stable;
import java.util.Objects;

/** One block of a message's content. Sealed: text, a tool call by the model, or a tool's result. */
@Stable
public sealed interface ContentBlock permits ContentBlock.Text, ContentBlock.ToolUse, ContentBlock.ToolResult {

    static Text text(String text) {
        return new Text(text);
    }

    /** Plain text. */
    record Text(String text) implements ContentBlock {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The model asks to call a tool.
     *
     * @param id the model's identifier for this call, echoed in the {@link ToolResult}
     * @param name the tool's name
     * @param inputJson the arguments as a JSON object text
     */
    record ToolUse(String id, String name, String inputJson) implements ContentBlock {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(inputJson, "inputJson");
        }
    }

    /**
     * The result of a tool call, sent back to the model in a user message.
     *
     * @param toolUseId the {@link ToolUse#id()} this answers
     * @param content the result as text (often JSON)
     * @param error whether the tool failed
     */
    record ToolResult(String toolUseId, String content, boolean error) implements ContentBlock {
        public ToolResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(content, "content");
        }
    }
}
