package dev.agentic.bedrock.internal.agentcore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.bedrockagentcore.model.CodeInterpreterResult;
import software.amazon.awssdk.services.bedrockagentcore.model.ContentBlock;
import software.amazon.awssdk.services.bedrockagentcore.model.ToolResultStructuredContent;

/**
 * What one tool call returned: the last {@code result} event (none when the call timed out first) and how
 * long the call took on this side.
 *
 * @param result the result event, empty when the wall time ran out before it arrived
 * @param elapsed wall time of the call measured by the client
 */
public record ToolOutcome(Optional<CodeInterpreterResult> result, Duration elapsed) {

    public boolean timedOut() {
        return result.isEmpty();
    }

    public List<ContentBlock> content() {
        return result.map(CodeInterpreterResult::content).orElse(List.of());
    }

    public boolean isError() {
        return result.map(r -> Boolean.TRUE.equals(r.isError())).orElse(false);
    }

    /** Standard output: the structured {@code stdout}, else the text blocks joined. */
    public String stdout() {
        Optional<String> structured = structured().map(ToolResultStructuredContent::stdout);
        if (structured.isPresent()) {
            return structured.get();
        }
        StringBuilder sb = new StringBuilder();
        for (ContentBlock b : content()) {
            if (b.text() != null && !"resource".equals(b.typeAsString())) {
                sb.append(b.text());
            }
        }
        return sb.toString();
    }

    public String stderr() {
        return structured().map(ToolResultStructuredContent::stderr).orElse("");
    }

    /** The structured exit code, else 1 for an error result and 0 otherwise. */
    public int exitCode() {
        return structured().map(ToolResultStructuredContent::exitCode).orElse(isError() ? 1 : 0);
    }

    private Optional<ToolResultStructuredContent> structured() {
        return result.map(CodeInterpreterResult::structuredContent);
    }
}
