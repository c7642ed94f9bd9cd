package dev.agentic.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.agentic.core.annotation.Internal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small local "payments" HTTP API for the demo and tests, shaped like a card-payments provider's customer
 * API: {@code POST /v1/customers} (JSON {@code {"name": ...}} or form {@code name=...}),
 * {@code GET /v1/customers/{id}}, {@code GET /v1/customers}. Every call needs
 * {@code Authorization: Bearer <key>}; customer ids look like {@code cus_} followed by 14 letters and digits.
 *
 * <p>Listens on 127.0.0.1 only, on a free port. Thread-safe. The caller closes it.
 */
@Internal
public final class PaymentsApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;
    private final String apiKey;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ObjectNode> customers = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicInteger unauthorized = new AtomicInteger();

    private PaymentsApi(String apiKey) throws IOException {
        this.apiKey = apiKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        this.threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "payments-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/v1/customers", this::handle);
        server.start();
    }

    /** Starts the API with a fresh random key. */
    public static PaymentsApi start() throws IOException {
        SecureRandom r = new SecureRandom();
        StringBuilder key = new StringBuilder("sk_test_");
        for (int i = 0; i < 24; i++) {
            key.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return new PaymentsApi(key.toString());
    }

    /** The bearer key clients must send. */
    public String apiKey() {
        return apiKey;
    }

    public String host() {
        return server.getAddress().getAddress().getHostAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://" + host() + ":" + port();
    }

    /** A customer by id, as stored. */
    public Optional<JsonNode> customer(String id) {
        return Optional.ofNullable(customers.get(id));
    }

    public int customerCount() {
        return customers.size();
    }

    /** Requests refused for a missing or wrong key. */
    public int unauthorizedRequests() {
        return unauthorized.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!authorized(ex)) {
                unauthorized.incrementAndGet();
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                send(
                        ex,
                        401,
                        error(
                                "authentication_required",
                                "Missing or invalid API key; send 'Authorization: Bearer <key>'."));
                return;
            }
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/v1/customers") || path.equals("/v1/customers/")) {
                if (method.equals("POST")) {
                    create(ex);
                } else if (method.equals("GET")) {
                    list(ex);
                } else {
                    send(ex, 405, error("method_not_allowed", method + " is not supported here."));
                }
            } else if (method.equals("GET") && path.startsWith("/v1/customers/")) {
                ObjectNode c = customers.get(path.substring("/v1/customers/".length()));
                if (c == null) {
                    send(ex, 404, error("resource_missing", "No such customer."));
                } else {
                    send(ex, 200, c);
                }
            } else {
                send(ex, 404, error("not_found", "Unknown path " + path));
            }
        }
    }

    private boolean authorized(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(
                header.substring(7).trim().getBytes(StandardCharsets.UTF_8), apiKey.getBytes(StandardCharsets.UTF_8));
    }

    private void create(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            send(ex, 413, error("body_too_large", "Request body over " + MAX_BODY + " bytes."));
            return;
        }
        String name = null;
        String email = null;
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.contains("json")) {
            try {
                JsonNode n = JSON.readTree(text);
                name = n.path("name").isTextual() ? n.get("name").asText() : null;
                email = n.path("email").isTextual() ? n.get("email").asText() : null;
            } catch (IOException e) {
                send(ex, 400, error("invalid_json", "Body is not valid JSON."));
                return;
            }
        } else {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String k = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    if (k.equals("name")) {
                        name = v;
                    } else if (k.equals("email")) {
                        email = v;
                    }
                }
            }
        }
        if (name == null || name.isBlank()) {
            send(ex, 400, error("parameter_missing", "Missing required parameter: name."));
            return;
        }
        ObjectNode c = JSON.createObjectNode();
        String id = newId();
        c.put("id", id);
        c.put("object", "customer");
        c.put("name", name);
        if (email != null) {
            c.put("email", email);
        } else {
            c.putNull("email");
        }
        c.put("created", System.currentTimeMillis() / 1000);
        customers.put(id, c);
        send(ex, 200, c);
    }

    private void list(HttpExchange ex) throws IOException {
        ObjectNode page = JSON.createObjectNode();
        page.put("object", "list");
        ArrayNode data = page.putArray("data");
        synchronized (customers) {
            customers.values().forEach(data::add);
        }
        page.put("has_more", false);
        send(ex, 200, page);
    }

    private String newId() {
        StringBuilder sb = new StringBuilder("cus_");
        for (int i = 0; i < 14; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("error").put("code", code).put("message", message);
        return n;
    }

    private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
