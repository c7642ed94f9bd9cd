package dev.agentic.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test client of the web API over the JDK's HTTP client and WebSocket; records every payload it received. */
final class ApiClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final WebApp app;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> received = new ArrayList<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private WebSocket socket;
    String session;

    ApiClient(WebApp app) {
        this.app = app;
    }

    String origin() {
        return "http://127.0.0.1:" + app.port();
    }

    HttpResponse<String> send(String method, String path, String body, String token, String origin) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            synchronized (received) {
                received.add(r.body());
                received.add(r.headers().map().toString());
            }
            return r;
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        }
    }

    HttpResponse<String> send(String method, String path, String body) {
        return send(method, path, body, app.token(), origin());
    }

    JsonNode json(String method, String path, String body, int expectedStatus) {
        HttpResponse<String> r = send(method, path, body);
        if (r.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static String body(String field, String value) {
        return JSON.createObjectNode().put(field, value).toString();
    }

    /** Opens a session and its event WebSocket. */
    ApiClient open() {
        session = json("POST", "/api/sessions", null, 201).get("id").asText();
        socket = connect("/api/sessions/" + session + "/events", app.token(), origin());
        JsonNode hello = next(m -> true);
        if (!hello.path("type").asText().equals("hello")) {
            throw new AssertionError("first message was " + hello);
        }
        return this;
    }

    WebSocket connect(String path, String token, String origin) {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return b.buildAsync(URI.create("ws://127.0.0.1:" + app.port() + path), new Collector())
                .join();
    }

    /** The next event that matches, waiting up to a minute; events before it are dropped. */
    JsonNode next(Predicate<JsonNode> match) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            try {
                JsonNode e = events.poll(1, TimeUnit.SECONDS);
                if (e != null && match.test(e)) {
                    return e;
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        throw new AssertionError("no matching event within 60 s");
    }

    /** Every event until (and with) the first of type {@code type}. */
    List<JsonNode> eventsUntil(String type) {
        List<JsonNode> list = new ArrayList<>();
        next(e -> {
            list.add(e);
            return e.path("type").asText().equals(type);
        });
        return list;
    }

    /** Every payload received so far: HTTP bodies and headers, WebSocket messages. */
    String everything() {
        synchronized (received) {
            return String.join("\n", received);
        }
    }

    void closeSocket() {
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.abort();
        }
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                synchronized (received) {
                    received.add(text);
                }
                try {
                    events.add(JSON.readTree(text));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
