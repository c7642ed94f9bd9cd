package dev.agentic.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentic.core.annotation.Experimental;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Deque<OpenAiReply>> scripts = new HashMap<>();
    private final List<RecordedOpenAiRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<RecordedOpenAiRequest, OpenAiReply> fallback = r -> OpenAiReply.error(
            404,
            "model_not_found",
            "The model `" + r.model() + "` does not exist or you do not " + "have access to it.");

    private FakeOpenAiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on 127.0.0.1 at a free port. */
    public static FakeOpenAiServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-openai");
                t.setDaemon(true);
                return t;
            });
            FakeOpenAiServer fake = new FakeOpenAiServer(http, executor);
            http.createContext("/", fake::handle);
            http.setExecutor(executor);
            http.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake OpenAI-compatible server", e);
        }
    }

    /** The base URL clients take (what {@code OPENAI_BASE_URL} holds), e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /**
     * Replaces the script of {@code model}: call N gets reply N, and the last reply answers every call after it.
     * Returns this server.
     */
    public FakeOpenAiServer script(String model, OpenAiReply... replies) {
        Objects.requireNonNull(model, "model");
        if (replies.length == 0) {
            throw new IllegalArgumentException("script(" + model + ") needs at least one reply");
        }
        synchronized (scripts) {
            scripts.put(model, new ArrayDeque<>(List.of(replies)));
        }
        return this;
    }

    /** Answers models without a script by {@code answer} (default: 404 {@code model_not_found}). */
    public FakeOpenAiServer otherwise(Function<RecordedOpenAiRequest, OpenAiReply> answer) {
        this.fallback = Objects.requireNonNull(answer, "answer");
        return this;
    }

    /** Every request received so far, in order of arrival. */
    public List<RecordedOpenAiRequest> requests() {
        return List.copyOf(requests);
    }

    /** The chat completions requests for {@code model}, in order of arrival. */
    public List<RecordedOpenAiRequest> requests(String model) {
        return requests.stream().filter(r -> r.model().equals(model)).toList();
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
            JsonNode json = parse(body);
            String path = exchange.getRequestURI().getRawPath();
            RecordedOpenAiRequest request =
                    new RecordedOpenAiRequest(path, json.path("model").asText(""), headers, json);
            requests.add(request);
            if (!path.equals(COMPLETIONS) || !exchange.getRequestMethod().equals("POST")) {
                OpenAiWire.error(exchange, OpenAiReply.error(404, "not_found", "no route " + path));
                return;
            }
            if (!json.isObject()) {
                OpenAiWire.error(exchange, OpenAiReply.error(400, "invalid_json", "the body is not a JSON object"));
                return;
            }
            OpenAiReply reply = next(request);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay().toMillis());
            }
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

    private OpenAiReply next(RecordedOpenAiRequest request) {
        synchronized (scripts) {
            Deque<OpenAiReply> script = scripts.get(request.model());
            if (script != null) {
                return script.size() > 1 ? script.poll() : script.peek();
            }
        }
        return fallback.apply(request);
    }
}
