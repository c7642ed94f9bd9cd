package dev.agentic.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentic.core.annotation.Experimental;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One request a {@link FakeOpenAiServer} received, for assertions. Immutable.
 *
 * @param path the request's raw path, e.g. {@code /v1/chat/completions}
 * @param model the body's {@code model}, or empty string
 * @param headers request headers, names in lower case
 * @param body the request body, decoded (an empty object when there was none)
 */
@Experimental
public record RecordedOpenAiRequest(String path, String model, Map<String, List<String>> headers, JsonNode body) {
    public RecordedOpenAiRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(model, "model");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** Whether the client asked for server-sent events ({@code "stream": true}). */
    public boolean streaming() {
        return body.path("stream").asBoolean(false);
    }

    /** The first value of header {@code name} (any case), or empty string. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /** The request's {@code messages} array. */
    public JsonNode messages() {
        return body.path("messages");
    }

    /** The request's {@code tools} array (missing node when none were offered). */
    public JsonNode tools() {
        return body.path("tools");
    }
}
