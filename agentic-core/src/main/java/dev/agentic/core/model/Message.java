package dev.agentic.core.model;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One message of a conversation with a model.
 *
 * @param role who wrote it
 * @param content its blocks, at least one
 */
@Stable
public record Message(Role role, List<ContentBlock> content) {
    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
        if (content.isEmpty()) {
            throw new ConfigurationException(
                    "a message needs at least one content block (text, tool use or tool result)");
        }
    }

    public static Message user(String text) {
        return new Message(Role.USER, List.of(new ContentBlock.Text(text)));
    }

    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, List.of(new ContentBlock.Text(text)));
    }

    /** The concatenated text blocks. */
    public String text() {
        return content.stream()
                .filter(ContentBlock.Text.class::isInstance)
                .map(b -> ((ContentBlock.Text) b).text())
                .collect(Collectors.joining());
    }

    /** The tool calls in this message, in order. */
    public List<ContentBlock.ToolUse> toolUses() {
        return content.stream()
                .filter(ContentBlock.ToolUse.class::isInstance)
                .map(ContentBlock.ToolUse.class::cast)
                .collect(Collectors.toUnmodifiableList());
    }
}
