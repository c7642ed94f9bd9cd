package dev.agentic.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.testkit.fake.LoopbackHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * AWS Secrets Manager's {@code GetSecretValue} on 127.0.0.1, speaking AWS JSON 1.1 ({@code POST /},
 * {@code X-Amz-Target: secretsmanager.GetSecretValue}) so the real {@code SecretsManagerClient} can be pointed
 * at it with {@code endpointOverride(server.endpoint())} or {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}. Signatures
 * are not checked.
 *
 * <pre>{@code
 * try (FakeSecretsManagerServer sm = FakeSecretsManagerServer.start()) {
 *     sm.putSecretString("agentic-api-developer/stripe/test-key", "{\"api_key\":\"sk_test_1\"}");
 *     sm.failNext(1, "ThrottlingException", 400);            // scripted error, then the real answer
 *     ... client.getSecretValue(r -> r.secretId("agentic-api-developer/stripe/test-key")) ...
 *     assertThat(sm.requests()).hasSize(2);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Secrets are found by name or by the {@linkplain #arn ARN} the server gives them.</li>
 *   <li>Each {@code putSecret…} adds a version labelled {@code AWSCURRENT}; the version that had it becomes
 *       {@code AWSPREVIOUS}. Requests may name a {@code VersionId} or a {@code VersionStage}.</li>
 *   <li>Errors come as AWS does: status 400 with {@code {"__type":"ResourceNotFoundException","message":…}}.</li>
 * </ul>
 *
 * <p>Thread-safe. The caller owns the server: {@link #close()} stops it at once, with its (daemon) threads.
 */
@Experimental
public final class FakeSecretsManagerServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "secretsmanager.GetSecretValue";

    /**
     * One {@code GetSecretValue} request as received.
     *
     * @param secretId the name or ARN asked for
     * @param versionId the version id asked for, if any
     * @param versionStage the stage asked for, if any
     */
    public record Request(String secretId, Optional<String> versionId, Optional<String> versionStage) {}

    private record Version(String id, String text, byte[] binary, List<String> stages, long created) {}

    private record Failure(String code, int status) {}

    private final LoopbackHttpServer server;
    private final Map<String, List<Version>> secrets = new LinkedHashMap<>();
    private final Deque<Failure> failures = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeSecretsManagerServer() {
        server = LoopbackHttpServer.start("fake-secretsmanager", this::handle, "the fake Secrets Manager server");
    }

    /**
     * Starts a server on a free port of 127.0.0.1.
     *
     * @throws UncheckedIOException when no port can be bound
     */
    public static FakeSecretsManagerServer start() {
        return new FakeSecretsManagerServer();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The ARN of secret {@code name}, as {@code GetSecretValue} returns it and accepts it. */
    public String arn(String name) {
        return "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + Objects.requireNonNull(name, "name")
                + "-AbCdEf";
    }

    /** Adds a text version of secret {@code name}, labelled AWSCURRENT; returns its version id. */
    public String putSecretString(String name, String value) {
        return put(name, Objects.requireNonNull(value, "value"), null);
    }

    /** Adds a binary version of secret {@code name} ({@code SecretBinary}), labelled AWSCURRENT; returns its id. */
    public String putSecretBinary(String name, byte[] value) {
        return put(name, null, Objects.requireNonNull(value, "value").clone());
    }

    private synchronized String put(String name, String text, byte[] binary) {
        Objects.requireNonNull(name, "name");
        List<Version> versions = secrets.computeIfAbsent(name, n -> new ArrayList<>());
        versions.replaceAll(v -> v.stages.contains("AWSCURRENT")
                ? new Version(v.id, v.text, v.binary, List.of("AWSPREVIOUS"), v.created)
                : new Version(v.id, v.text, v.binary, List.of(), v.created));
        String id = UUID.randomUUID().toString();
        versions.add(new Version(id, text, binary, List.of("AWSCURRENT"), System.currentTimeMillis() / 1000));
        return id;
    }

    /** The next {@code times} requests fail with this error code and status (e.g. "ThrottlingException", 400). */
    public synchronized void failNext(int times, String errorCode, int status) {
        Objects.requireNonNull(errorCode, "errorCode");
        for (int i = 0; i < times; i++) {
            failures.add(new Failure(errorCode, status));
        }
    }

    /** Every {@code GetSecretValue} request received, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = LoopbackHttpServer.body(exchange);
            if (!"POST".equals(exchange.getRequestMethod())
                    || !TARGET.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                error(exchange, 400, "UnknownOperationException", "Only " + TARGET + " is implemented.");
                return;
            }
            JsonNode request = JSON.readTree(body);
            String id = request.path("SecretId").asText();
            Optional<String> versionId = text(request, "VersionId");
            Optional<String> stage = text(request, "VersionStage");
            requests.add(new Request(id, versionId, stage));
            Failure failure;
            Object answer;
            synchronized (this) {
                failure = failures.poll();
                answer = failure != null ? null : lookup(id, versionId, stage);
            }
            if (failure != null) {
                error(exchange, failure.status, failure.code, "Scripted " + failure.code + ".");
            } else if (answer instanceof String message) {
                error(exchange, 400, "ResourceNotFoundException", message);
            } else {
                respond(exchange, 200, (ObjectNode) answer);
            }
        }
    }

    /** The response for a request, or the message of a ResourceNotFoundException. */
    private Object lookup(String id, Optional<String> versionId, Optional<String> stage) {
        String name = null;
        for (String n : secrets.keySet()) {
            if (n.equals(id) || arn(n).equals(id)) {
                name = n;
            }
        }
        if (name == null) {
            return "Secrets Manager can't find the specified secret.";
        }
        String wantedStage = stage.orElse(versionId.isPresent() ? null : "AWSCURRENT");
        for (Version v : secrets.get(name)) {
            if (versionId.map(v.id::equals).orElse(true) && (wantedStage == null || v.stages.contains(wantedStage))) {
                ObjectNode n = JSON.createObjectNode();
                n.put("ARN", arn(name));
                n.put("Name", name);
                n.put("VersionId", v.id);
                if (v.text != null) {
                    n.put("SecretString", v.text);
                } else {
                    n.put("SecretBinary", Base64.getEncoder().encodeToString(v.binary));
                }
                v.stages.forEach(n.putArray("VersionStages")::add);
                n.put("CreatedDate", v.created);
                return n;
            }
        }
        return "Secrets Manager can't find the specified secret value for "
                + versionId.map(v -> "VersionId: " + v).orElse("staging label: " + wantedStage);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("__type", code);
        n.put("message", message);
        exchange.getResponseHeaders().set("x-amzn-ErrorType", code);
        respond(exchange, status, n);
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode json) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops the server at once; requests after it are refused. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "FakeSecretsManagerServer[" + endpoint() + "]";
    }
}
