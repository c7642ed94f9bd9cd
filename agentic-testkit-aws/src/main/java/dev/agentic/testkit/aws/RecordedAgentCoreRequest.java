package dev.agentic.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentic.core.annotation.Experimental;
import java.util.Objects;

/**
 * One call {@link FakeAgentCoreServer} received. For tool calls {@link #tool()} is the tool name
 * ({@code executeCode}, {@code writeFiles}, …) and {@link #arguments()} its arguments as sent.
 *
 * @param operation the operation
 * @param identifier the code interpreter's identifier from the path
 * @param sessionId the session named by the call; empty for {@code START} and {@code LIST}
 * @param tool the tool name; empty except for {@code INVOKE}
 * @param arguments the tool's arguments, or the request body for other operations (an empty object if none)
 */
@Experimental
public record RecordedAgentCoreRequest(
        AgentCoreFault.Operation operation, String identifier, String sessionId, String tool, JsonNode arguments) {
    public RecordedAgentCoreRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(tool, "tool");
        arguments = Objects.requireNonNull(arguments, "arguments").deepCopy();
    }

    @Override
    public JsonNode arguments() {
        return arguments.deepCopy();
    }

    /** The {@code code} argument of an {@code executeCode} call, or the {@code command} of an {@code executeCommand}; else empty. */
    public String codeText() {
        return arguments.path("code").asText(arguments.path("command").asText(""));
    }
}
