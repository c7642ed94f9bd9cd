package dev.agentic.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * The wire pieces every fake AWS service shares: AWS event-stream frames (events and modeled in-stream
 * exceptions) and REST-JSON error answers with the {@code x-amzn-ErrorType} header. Stateless.
 */
final class AwsWire {
    static final ObjectMapper JSON = new ObjectMapper();

    private AwsWire() {}

    /** Starts an event-stream answer: status 200, chunked, {@code application/vnd.amazon.eventstream}. */
    static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** Writes one {@code :message-type event} frame of {@code type} with a JSON payload, and flushes. */
    static void event(OutputStream out, String type, JsonNode payload) throws IOException {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        frame(out, headers, payload);
    }

    /** Writes one modeled in-stream exception frame ({@code :exception-type member}) and flushes. */
    static void exception(OutputStream out, String member, String message) throws IOException {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("exception"));
        headers.put(":exception-type", HeaderValue.fromString(member));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        frame(out, headers, JSON.createObjectNode().put("message", message));
    }

    /**
     * Sends a complete event-stream body in one write with its length: for answers known in full (one result
     * event), so no chunk terminator follows as a second small packet.
     */
    static void sendStream(HttpExchange exchange, byte[] frames) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
        exchange.sendResponseHeaders(200, frames.length);
        exchange.getResponseBody().write(frames);
    }

    static void frame(OutputStream out, Map<String, HeaderValue> headers, JsonNode payload) throws IOException {
        new Message(headers, JSON.writeValueAsBytes(payload)).encode(out);
        out.flush();
    }

    /**
     * A REST-JSON error: {@code status}, {@code {"message": …}} and the error code in {@code x-amzn-ErrorType}
     * (or, with {@code typeInBody}, as {@code __type} in the body).
     */
    static void error(HttpExchange exchange, int status, String code, String message, boolean typeInBody)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (code != null && typeInBody) {
            body.put("__type", "com.amazon.coral.validate#" + code);
        } else if (code != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", code + ":http://internal.amazon.com/coral/");
        }
        body.put("message", message);
        json(exchange, status, body);
    }

    /** A JSON answer with {@code status}. */
    static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
