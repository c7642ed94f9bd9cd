package dev.agentic.testkit.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Writes chat completions answers as OpenAI's wire format: JSON bodies, server-sent events, error bodies. */
final class OpenAiWire {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();

    private OpenAiWire() {}

    static void error(HttpExchange exchange, OpenAiReply reply) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode inner = error.putObject("error");
        inner.put("message", reply.text());
        inner.put(
                "type",
                reply.status() == 429 ? "requests" : reply.status() >= 500 ? "server_error" : "invalid_request_error");
        inner.putNull("param");
        inner.put("code", reply.errorCode());
        send(exchange, reply.status(), "application/json", JSON.writeValueAsBytes(error));
    }

    static void completion(HttpExchange exchange, RecordedOpenAiRequest request, OpenAiReply reply) throws IOException {
        ObjectNode body = header(request, reply, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (reply.text().isEmpty() && !reply.toolCalls().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", reply.text());
        }
        if (!reply.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (OpenAiReply.ToolCall call : reply.toolCalls()) {
                ObjectNode c = calls.addObject();
                c.put("id", call.id());
                c.put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        choice.put("finish_reason", reply.finishReason());
        body.set("usage", usage(request, reply));
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
    }

    static void stream(HttpExchange exchange, RecordedOpenAiRequest request, OpenAiReply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            event(
                    out,
                    chunk(
                            request,
                            reply,
                            delta -> delta.put("role", "assistant").put("content", "")));
            for (String piece : pieces(reply.text(), reply.chunkSize())) {
                event(out, chunk(request, reply, delta -> delta.put("content", piece)));
            }
            List<OpenAiReply.ToolCall> calls = reply.toolCalls();
            for (int i = 0; i < calls.size(); i++) {
                OpenAiReply.ToolCall call = calls.get(i);
                int index = i;
                event(out, chunk(request, reply, delta -> {
                    ObjectNode c = delta.putArray("tool_calls").addObject();
                    c.put("index", index).put("id", call.id()).put("type", "function");
                    c.putObject("function").put("name", call.name()).put("arguments", "");
                }));
                for (String piece : pieces(call.argumentsJson(), reply.chunkSize())) {
                    event(out, chunk(request, reply, delta -> {
                        ObjectNode c = delta.putArray("tool_calls").addObject();
                        c.put("index", index);
                        c.putObject("function").put("arguments", piece);
                    }));
                }
            }
            ObjectNode last = header(request, reply, "chat.completion.chunk");
            ObjectNode choice = last.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("delta");
            choice.put("finish_reason", reply.finishReason());
            event(out, last);
            if (request.body().path("stream_options").path("include_usage").asBoolean(false)) {
                ObjectNode usage = header(request, reply, "chat.completion.chunk");
                usage.putArray("choices");
                usage.set("usage", usage(request, reply));
                event(out, usage);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private interface DeltaWriter {
        void write(ObjectNode delta);
    }

    private static ObjectNode chunk(RecordedOpenAiRequest request, OpenAiReply reply, DeltaWriter writer) {
        ObjectNode chunk = header(request, reply, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        writer.write(choice.putObject("delta"));
        choice.putNull("finish_reason");
        return chunk;
    }

    private static void event(OutputStream out, ObjectNode json) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(json) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static ObjectNode header(RecordedOpenAiRequest request, OpenAiReply reply, String object) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-fake-" + IDS.incrementAndGet());
        body.put("object", object);
        body.put("created", System.currentTimeMillis() / 1000);
        body.put("model", reply.model().orElse(request.model()));
        return body;
    }

    private static ObjectNode usage(RecordedOpenAiRequest request, OpenAiReply reply) {
        long prompt = reply.promptTokens() >= 0
                ? reply.promptTokens()
                : Math.max(1, request.body().path("messages").toString().length() / 4);
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", reply.completionTokens());
        usage.put("total_tokens", prompt + reply.completionTokens());
        usage.putObject("prompt_tokens_details").put("cached_tokens", reply.cachedTokens());
        return usage;
    }

    /** Splits {@code text} into pieces of {@code size} code points, never inside a surrogate pair. */
    static List<String> pieces(String text, int size) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int end = text.offsetByCodePoints(i, Math.min(size, text.codePointCount(i, text.length())));
            out.add(text.substring(i, end));
            i = end;
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
