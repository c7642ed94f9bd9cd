package dev.agentic.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Writes Bedrock Runtime answers on the wire: JSON bodies, error headers and event-stream frames. */
final class BedrockWire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BedrockWire() {}

    static void converse(HttpExchange exchange, BedrockReply reply, long inputTokens) throws IOException {
        switch (reply.kind()) {
            case HTTP_ERROR:
                error(exchange, reply);
                return;
            case STREAM_EXCEPTION:
                String member = reply.errorCode().orElseThrow();
                error(
                        exchange,
                        BedrockReply.error(
                                reply.status(),
                                Character.toUpperCase(member.charAt(0)) + member.substring(1),
                                reply.toolNameOrMessage()));
                return;
            default:
                break;
        }
        ObjectNode block = JSON.createObjectNode();
        if (reply.kind() == BedrockReply.Kind.TOOL_USE) {
            ObjectNode use = block.putObject("toolUse");
            use.put("toolUseId", reply.toolUseId().orElseThrow());
            use.put("name", reply.toolNameOrMessage());
            use.set("input", JSON.readTree(reply.text()));
        } else {
            block.put("text", reply.text());
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode message = body.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.putArray("content").add(block);
        body.put("stopReason", reply.stopReason().orElse("end_turn"));
        body.set("usage", usage(reply, inputTokens));
        body.putObject("metrics").put("latencyMs", 7);
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (reply.kind() == BedrockReply.Kind.TRUNCATED) {
            bytes = Arrays.copyOf(bytes, bytes.length / 2);
        }
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static void stream(HttpExchange exchange, BedrockReply reply, long inputTokens) throws IOException {
        if (reply.kind() == BedrockReply.Kind.HTTP_ERROR) {
            error(exchange, reply);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        event(out, "messageStart", JSON.createObjectNode().put("role", "assistant"));
        if (reply.kind() == BedrockReply.Kind.TOOL_USE) {
            ObjectNode start = JSON.createObjectNode().put("contentBlockIndex", 0);
            start.putObject("start")
                    .putObject("toolUse")
                    .put("toolUseId", reply.toolUseId().orElseThrow())
                    .put("name", reply.toolNameOrMessage());
            event(out, "contentBlockStart", start);
            for (String chunk : chunks(reply.text(), reply.chunkSize())) {
                ObjectNode delta = JSON.createObjectNode().put("contentBlockIndex", 0);
                delta.putObject("delta").putObject("toolUse").put("input", chunk);
                event(out, "contentBlockDelta", delta);
            }
        } else {
            for (String chunk : chunks(reply.text(), reply.chunkSize())) {
                ObjectNode delta = JSON.createObjectNode().put("contentBlockIndex", 0);
                delta.putObject("delta").put("text", chunk);
                event(out, "contentBlockDelta", delta);
            }
        }
        if (reply.kind() == BedrockReply.Kind.STREAM_EXCEPTION) {
            AwsWire.exception(out, reply.errorCode().orElseThrow(), reply.toolNameOrMessage());
            return;
        }
        if (reply.kind() == BedrockReply.Kind.TRUNCATED) {
            return;
        }
        event(out, "contentBlockStop", JSON.createObjectNode().put("contentBlockIndex", 0));
        event(
                out,
                "messageStop",
                JSON.createObjectNode().put("stopReason", reply.stopReason().orElse("end_turn")));
        ObjectNode metadata = JSON.createObjectNode();
        metadata.set("usage", usage(reply, inputTokens));
        metadata.putObject("metrics").put("latencyMs", 7);
        event(out, "metadata", metadata);
    }

    static void agent(HttpExchange exchange, BedrockReply reply, String sessionId) throws IOException {
        if (reply.kind() == BedrockReply.Kind.HTTP_ERROR) {
            error(exchange, reply);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
        exchange.getResponseHeaders().set("x-amz-bedrock-agent-session-id", sessionId);
        exchange.getResponseHeaders().set("x-amzn-bedrock-agent-content-type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String chunk : chunks(reply.text(), Math.max(reply.chunkSize(), 64))) {
            event(
                    out,
                    "chunk",
                    JSON.createObjectNode()
                            .put("bytes", Base64.getEncoder().encodeToString(chunk.getBytes(StandardCharsets.UTF_8))));
        }
        if (reply.kind() == BedrockReply.Kind.STREAM_EXCEPTION) {
            AwsWire.exception(out, reply.errorCode().orElseThrow(), reply.toolNameOrMessage());
        }
    }

    static void error(HttpExchange exchange, BedrockReply reply) throws IOException {
        String code = reply.errorCode().orElse(null);
        if (code != null && !reply.typeInBody()) {
            exchange.getResponseHeaders()
                    .set("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
            code = null;
        }
        AwsWire.error(exchange, reply.status(), code, reply.text(), true);
    }

    private static JsonNode usage(BedrockReply reply, long inputTokens) {
        long[] u = reply.usage().orElse(new long[] {
            inputTokens, Math.max(1, reply.text().length() / 4), 0, 0
        });
        ObjectNode usage = JSON.createObjectNode();
        usage.put("inputTokens", u[0]);
        usage.put("outputTokens", u[1]);
        usage.put("totalTokens", u[0] + u[1] + u[2] + u[3]);
        usage.put("cacheReadInputTokens", u[2]);
        usage.put("cacheWriteInputTokens", u[3]);
        return usage;
    }

    private static void event(OutputStream out, String type, JsonNode payload) throws IOException {
        AwsWire.event(out, type, payload);
    }

    /** {@code text} in pieces of {@code size} code points; never splits a surrogate pair. */
    private static List<String> chunks(String text, int size) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int end = text.offsetByCodePoints(i, Math.min(size, text.codePointCount(i, text.length())));
            out.add(text.substring(i, end));
            i = end;
        }
        return out;
    }
}
