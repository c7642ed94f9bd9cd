package dev.agentic.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP front for s3proxy that adds what s3proxy 2.6.0 lacks: S3 conditional writes. A {@code PUT} with
 * {@code If-None-Match: *} is answered 412 {@code PreconditionFailed} (S3's XML error) when the object exists,
 * checked and written under one lock so concurrent creators cannot both win; every other request is passed
 * through unchanged. s3proxy behind it must accept unsigned requests (the gate changes the Host header).
 */
final class ConditionalWriteGate implements AutoCloseable {
    private static final Set<String> NOT_FORWARDED =
            Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");
    /** Server-side encryption headers: recorded, then removed, since s3proxy answers them with 501. */
    private static final String SSE = "x-amz-server-side-encryption";

    private static final String SSE_KMS_KEY = "x-amz-server-side-encryption-aws-kms-key-id";

    /** The encryption a write asked for: the algorithm header and the KMS key id, empty when not sent. */
    record Encryption(String algorithm, String kmsKeyId) {}

    private volatile Encryption lastEncryption = new Encryption("", "");

    private final URI upstream;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Object createLock = new Object();
    private HttpServer server;
    private ExecutorService threads;
    private int port;

    ConditionalWriteGate(URI upstream) throws IOException {
        this.upstream = upstream;
        start(0);
    }

    private void start(int wanted) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 64);
        threads = Executors.newFixedThreadPool(16);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    /** The encryption the last {@code PUT} asked for. */
    Encryption lastEncryption() {
        return lastEncryption;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Stops answering: connections are refused until {@link #restart()}. */
    void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** Answers again on the same port. */
    void restart() throws IOException {
        start(port);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = exchange.getRequestMethod();
            if (method.equals("PUT")) {
                String algorithm = exchange.getRequestHeaders().getFirst(SSE);
                String key = exchange.getRequestHeaders().getFirst(SSE_KMS_KEY);
                lastEncryption = new Encryption(algorithm == null ? "" : algorithm, key == null ? "" : key);
            }
            if (method.equals("PUT") && "*".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                synchronized (createLock) {
                    if (forward(exchange, "HEAD", new byte[0]).statusCode() == 200) {
                        byte[] error =
                                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PreconditionFailed</Code>"
                                                + "<Message>At least one of the pre-conditions you specified did not hold</Message>"
                                                + "<Condition>If-None-Match</Condition></Error>")
                                        .getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().set("Content-Type", "application/xml");
                        exchange.sendResponseHeaders(412, error.length);
                        exchange.getResponseBody().write(error);
                        return;
                    }
                    reply(exchange, forward(exchange, method, body));
                }
                return;
            }
            reply(exchange, forward(exchange, method, body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, String method, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        upstream.resolve(exchange.getRequestURI().getRawPath()
                                + (exchange.getRequestURI().getRawQuery() == null
                                        ? ""
                                        : "?" + exchange.getRequestURI().getRawQuery())))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name)
                    && !name.equals(SSE)
                    && !name.equals(SSE_KMS_KEY)
                    && !(method.equals("HEAD") && h.getKey().equalsIgnoreCase("If-None-Match"))) {
                h.getValue().forEach(v -> request.header(h.getKey(), v));
            }
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void reply(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        byte[] body = response.body();
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.statusCode(), head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
