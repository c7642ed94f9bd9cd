package dev.agentic.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentic.core.annotation.Experimental;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request a {@link FakeBedrockServer} received, for assertions: the operation, the model id (decoded from
 * the path), the request id it answered with, the headers (names in lower case) and the JSON body. Immutable.
 *
 * @param operation {@code converse}, {@code converse-stream} or {@code invoke-agent}
 * @param modelId the model id from the path, percent-decoded ({@code AGENT_ID/ALIAS_ID} for InvokeAgent)
 * @param requestId the {@code x-amzn-RequestId} the server answered with
 * @param path the request's raw path (for InvokeAgent it holds the session id)
 * @param headers request headers, names in lower case
 * @param body the request body, decoded
 */
@Experimental
public record RecordedBedrockRequest(
        String operation,
        String modelId,
        String requestId,
        String path,
        Map<String, List<String>> headers,
        JsonNode body) {
    public RecordedBedrockRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** Whether this was a ConverseStream call. */
    public boolean streaming() {
        return operation.equals("converse-stream");
    }

    /** The first value of header {@code name} (any case), or empty string. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
