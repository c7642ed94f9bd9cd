package dev.agentic.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.testkit.fake.LoopbackHttpServer;
import dev.agentic.testkit.fake.ReplyScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An in-process OpenAI-compatible chat completions server for tests: answers {@code POST /v1/chat/completions}
 * on 127.0.0.1 at a random port, with a JSON body, or with server-sent events ({@code data: {chunk}} lines, a
 * usage chunk when the request asks for it, and {@code data: [DONE]}) when the request has {@code "stream":
 * true}. Answers come from a script per model name (each call takes the next reply; the last one repeats) or
 * from a function of the request; errors carry OpenAI's error body. Every request is recorded, including those
 * to paths the server does not serve (answered 404).
 *
 * <p>The server checks no API key. Thread-safe: scripts may change while calls run. {@link #close()} stops
 * the server.
 *
 * <pre>{@code
 * try (FakeOpenAiServer openai = FakeOpenAiServer.start()) {
 *     openai.script("gpt-4o-mini",
 *             OpenAiReply.error(429, "rate_limit_exceeded", "slow down"),
 *             OpenAiReply.text("Hello"));
 *     // point a client at openai.baseUrl(), e.g. http://127.0.0.1:41234/v1
 *     assertThat(openai.requests("gpt-4o-mini")).hasSize(2);
 * }
 * }</pre>
 */
@Experimental
public final class FakeOpenAiServer implements AutoCloseable {
    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReplyScript<RecordedOpenAiRequest, OpenAiReply> script = new ReplyScript<>(
            RecordedOpenAiRequest::model,
            r -> OpenAiReply.error(
                    404,
                    "model_not_found",
                    "The model `" + r.model() + "` does not exist or you do not " + "have access to it."));
    private final LoopbackHttpServer server;

    private FakeOpenAiServer() {
        server = LoopbackHttpServer.start("fake-openai", this::handle, "the fake OpenAI-compatible server");
    }

    /** Starts a server on 127.0.0.1 at a free port. */
    public static FakeOpenAiServer start() {
        return new FakeOpenAiServer();
    }

    /** The base URL clients take (what {@code OPENAI_BASE_URL} holds), e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /**
     * Replaces the script of {@code model}: call N gets reply N, and the last reply answers every call after it.
     * Returns this server.
     */
    public FakeOpenAiServer script(String model, OpenAiReply... replies) {
        script.script(Objects.requireNonNull(model, "model"), replies);
        return this;
    }

    /** Answers models without a script by {@code answer} (default: 404 {@code model_not_found}). */
    public FakeOpenAiServer otherwise(Function<RecordedOpenAiRequest, OpenAiReply> answer) {
        script.otherwise(answer);
        return this;
    }

    /** Every request received so far, in order of arrival. */
    public List<RecordedOpenAiRequest> requests() {
        return script.requests();
    }

    /** The chat completions requests for {@code model}, in order of arrival. */
    public List<RecordedOpenAiRequest> requests(String model) {
        return script.requests(model);
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode json = parse(LoopbackHttpServer.body(exchange));
            String path = exchange.getRequestURI().getRawPath();
            RecordedOpenAiRequest request = new RecordedOpenAiRequest(
                    path, json.path("model").asText(""), LoopbackHttpServer.headers(exchange), json);
            script.record(request);
            if (!path.equals(COMPLETIONS) || !exchange.getRequestMethod().equals("POST")) {
                OpenAiWire.error(exchange, OpenAiReply.error(404, "not_found", "no route " + path));
                return;
            }
            if (!json.isObject()) {
                OpenAiWire.error(exchange, OpenAiReply.error(400, "invalid_json", "the body is not a JSON object"));
                return;
            }
            OpenAiReply reply = script.next(request);
            LoopbackHttpServer.pause(reply.delay());
            if (reply.isError()) {
                OpenAiWire.error(exchange, reply);
            } else if (request.streaming()) {
                OpenAiWire.stream(exchange, request, reply);
            } else {
                OpenAiWire.completion(exchange, request, reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
        }
    }
}
