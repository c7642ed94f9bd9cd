package dev.agentic.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.testkit.fake.LoopbackHttpServer;
import dev.agentic.testkit.fake.ReplyScript;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-process Amazon Bedrock Runtime for tests: serves {@code Converse}, {@code ConverseStream} and Bedrock
 * Agent Runtime's {@code InvokeAgent} (scripted under {@code "AGENT_ID/ALIAS_ID"}; a text reply is sent as
 * {@code chunk} events) on 127.0.0.1 at a random port, over HTTP/1.1, so the real AWS SDK clients can be pointed at {@link #endpoint()}.
 * Streams are real AWS event-stream frames (headers and CRCs written by the AWS event-stream library), errors
 * carry the real error headers and bodies. Answers come from a script per model id (each call takes the next
 * reply; the last one repeats) or from a function of the request; every request is recorded.
 *
 * <p>The server checks no signature: any static credentials do. Point an async client at it with HTTP/1.1
 * (the SDK's default async Bedrock client would try HTTP/2 on an {@code http://} endpoint).
 *
 * <p>Thread-safe: scripts may change while calls run. {@link #close()} stops the server.
 *
 * <pre>{@code
 * try (FakeBedrockServer bedrock = FakeBedrockServer.start()) {
 *     bedrock.script("anthropic.claude-3-haiku-20240307-v1:0",
 *             BedrockReply.error(429, "ThrottlingException", "slow down"),
 *             BedrockReply.text("Hello"));
 *     BedrockRuntimeClient client = BedrockRuntimeClient.builder()
 *             .endpointOverride(bedrock.endpoint())
 *             .region(Region.US_EAST_1)
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake")))
 *             .build();
 *     // … the first call is throttled (and retried by the SDK), the second answers "Hello"
 *     assertThat(bedrock.requests()).hasSize(2);
 * }
 * }</pre>
 */
@Experimental
public final class FakeBedrockServer implements AutoCloseable {
    private static final Pattern PATH = Pattern.compile("^/model/([^/]+)/(converse|converse-stream)$");
    private static final Pattern AGENT_PATH =
            Pattern.compile("^/agents/([^/]+)/agentAliases/([^/]+)/sessions/([^/]+)/text$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReplyScript<RecordedBedrockRequest, BedrockReply> script = new ReplyScript<>(
            RecordedBedrockRequest::modelId,
            r -> BedrockReply.error(404, "ResourceNotFoundException", "The model " + r.modelId() + " has no script"));
    private final LoopbackHttpServer server;

    private FakeBedrockServer() {
        server = LoopbackHttpServer.start("fake-bedrock", this::handle, "the fake Bedrock server");
    }

    /** Starts a server on 127.0.0.1 at a free port. */
    public static FakeBedrockServer start() {
        return new FakeBedrockServer();
    }

    /** The endpoint to give a client's {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * Replaces the script of {@code modelId}: call N gets reply N, and the last reply answers every call after
     * it. Returns this server.
     */
    public FakeBedrockServer script(String modelId, BedrockReply... replies) {
        script.script(Objects.requireNonNull(modelId, "modelId"), replies);
        return this;
    }

    /** Answers models without a script by {@code answer} (default: 404 ResourceNotFoundException). */
    public FakeBedrockServer otherwise(Function<RecordedBedrockRequest, BedrockReply> answer) {
        script.otherwise(answer);
        return this;
    }

    /** Every request received so far, in order of arrival. */
    public List<RecordedBedrockRequest> requests() {
        return script.requests();
    }

    /** The requests for {@code modelId}, in order of arrival. */
    public List<RecordedBedrockRequest> requests(String modelId) {
        return script.requests(modelId);
    }

    /** Stops the server at once. */
    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = PATH.matcher(exchange.getRequestURI().getRawPath());
            String requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            byte[] body = LoopbackHttpServer.body(exchange);
            Matcher agent = AGENT_PATH.matcher(exchange.getRequestURI().getRawPath());
            if (agent.matches()) {
                invokeAgent(exchange, agent, requestId, body);
                return;
            }
            if (!m.matches() || !exchange.getRequestMethod().equals("POST")) {
                BedrockWire.error(exchange, BedrockReply.error(404, "UnknownOperationException", "no such operation"));
                return;
            }
            JsonNode json = json(body);
            RecordedBedrockRequest request = new RecordedBedrockRequest(
                    m.group(2),
                    decode(m.group(1)),
                    requestId,
                    exchange.getRequestURI().getRawPath(),
                    LoopbackHttpServer.headers(exchange),
                    json);
            BedrockReply reply = answer(request);
            if (request.streaming()) {
                BedrockWire.stream(exchange, reply, estimatedInput(json));
            } else {
                BedrockWire.converse(exchange, reply, estimatedInput(json));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void invokeAgent(HttpExchange exchange, Matcher agent, String requestId, byte[] body)
            throws IOException, InterruptedException {
        String key = decode(agent.group(1)) + "/" + decode(agent.group(2));
        RecordedBedrockRequest request = new RecordedBedrockRequest(
                "invoke-agent",
                key,
                requestId,
                exchange.getRequestURI().getRawPath(),
                LoopbackHttpServer.headers(exchange),
                json(body));
        BedrockReply reply = answer(request);
        BedrockWire.agent(exchange, reply, decode(agent.group(3)));
    }

    private static String decode(String label) {
        return URLDecoder.decode(label.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] body) throws IOException {
        return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    }

    /** Records {@code request} and waits out the delay of the reply it gets. */
    private BedrockReply answer(RecordedBedrockRequest request) throws InterruptedException {
        script.record(request);
        BedrockReply reply = script.next(request);
        LoopbackHttpServer.pause(reply.delay());
        return reply;
    }

    private static long estimatedInput(JsonNode body) {
        ObjectNode copy = body.isObject() ? ((ObjectNode) body).deepCopy() : JSON.createObjectNode();
        return Math.max(1, copy.toString().length() / 4);
    }
}
