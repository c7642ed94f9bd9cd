package dev.agentic.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.agentic.core.sandbox.ExecutionResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers {@code InvokeCodeInterpreter} tool calls of {@link FakeAgentCoreServer} with one {@code result} event. */
final class InterpreterTools {

    void answer(HttpExchange exchange, FakeSession session, String tool, JsonNode args) throws IOException {
        String refusal = refusal(tool, args);
        if (refusal != null) {
            AwsWire.error(exchange, 400, "ValidationException", refusal, false);
            return;
        }
        ObjectNode result;
        try {
            result = session.call(() -> run(session.interpreter, tool, args));
        } catch (Exception e) {
            if (!session.ready()) {
                return; // stopped while it ran: the client has gone
            }
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            AwsWire.exception(
                    frame,
                    "internalServerException",
                    "the fake could not run " + tool + ": " + e.getClass().getSimpleName());
            AwsWire.sendStream(exchange, frame.toByteArray());
            return;
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        AwsWire.event(frame, "result", result);
        AwsWire.sendStream(exchange, frame.toByteArray());
    }

    private static String refusal(String tool, JsonNode args) {
        switch (tool) {
            case "executeCode":
                String language = args.path("language").asText("python");
                return language.equals("python")
                        ? null
                        : "language " + language + " is not supported by this fake AgentCore server (Python only)";
            case "executeCommand":
            case "writeFiles":
            case "readFiles":
            case "listFiles":
            case "removeFiles":
                return null;
            default:
                return "tool '" + tool + "' is not supported by this fake AgentCore server";
        }
    }

    private static ObjectNode run(FakeInterpreter interpreter, String tool, JsonNode args) {
        switch (tool) {
            case "executeCode":
                if (args.path("clearContext").asBoolean(false)) {
                    interpreter.clearContext();
                }
                return executed(interpreter.run(args.path("code").asText("")));
            case "executeCommand":
                return executed(interpreter.command(args.path("command").asText("")));
            case "writeFiles":
                int n = 0;
                for (JsonNode block : args.path("content")) {
                    byte[] bytes = block.has("blob")
                            ? Base64.getDecoder().decode(block.path("blob").asText())
                            : block.path("text").asText("").getBytes(StandardCharsets.UTF_8);
                    interpreter.write(block.path("path").asText(), bytes);
                    n++;
                }
                return text("Successfully wrote " + n + " file(s)", false);
            case "readFiles":
                return read(interpreter, paths(args));
            case "listFiles":
                return listed(
                        interpreter.list(),
                        args.path("directoryPath").asText(args.path("path").asText(".")));
            default: // removeFiles
                List<String> paths = paths(args);
                for (String p : paths) {
                    interpreter.remove(p);
                }
                return text("Removed " + paths.size() + " file(s)", false);
        }
    }

    private static List<String> paths(JsonNode args) {
        List<String> out = new ArrayList<>();
        args.path("paths").forEach(p -> out.add(p.asText()));
        return out;
    }

    static ObjectNode executed(ExecutionResult r) {
        int exit = 0;
        if (r instanceof ExecutionResult.Failed f) {
            exit = f.exitCode();
        } else if (r instanceof ExecutionResult.TimedOut) {
            exit = 124;
        } else if (r instanceof ExecutionResult.Killed k) {
            exit = 128 + (k.signal() > 0 ? k.signal() : 9);
        }
        ObjectNode result = text(r.stdout(), exit != 0);
        result.putObject("structuredContent")
                .put("stdout", r.stdout())
                .put("stderr", r.stderr())
                .put("exitCode", exit)
                .put("executionTime", r.duration().toNanos() / 1_000_000.0);
        return result;
    }

    private static ObjectNode read(FakeInterpreter interpreter, List<String> paths) {
        ObjectNode result = AwsWire.JSON.createObjectNode();
        ArrayNode content = result.putArray("content");
        List<String> missing = new ArrayList<>();
        for (String p : paths) {
            Optional<byte[]> bytes = interpreter.read(p);
            if (bytes.isEmpty()) {
                missing.add(p);
                continue;
            }
            ObjectNode resource = content.addObject().put("type", "resource").putObject("resource");
            resource.put("uri", "file://" + p);
            Optional<String> text = utf8(bytes.get());
            if (text.isPresent()) {
                resource.put("type", "text").put("mimeType", "text/plain").put("text", text.get());
            } else {
                resource.put("type", "blob")
                        .put("mimeType", "application/octet-stream")
                        .put("blob", Base64.getEncoder().encodeToString(bytes.get()));
            }
        }
        if (!missing.isEmpty()) {
            content.addObject().put("type", "text").put("text", "File(s) not found: " + String.join(", ", missing));
        }
        result.put("isError", !missing.isEmpty());
        return result;
    }

    private static ObjectNode listed(Map<String, Long> files, String directory) {
        String prefix = directory.isEmpty() || directory.equals(".") ? "" : directory.replaceAll("/+$", "") + "/";
        ObjectNode result = AwsWire.JSON.createObjectNode();
        ArrayNode content = result.putArray("content");
        files.forEach((path, size) -> {
            if (path.startsWith(prefix)) {
                content.addObject()
                        .put("type", "resource_link")
                        .put("uri", "file://" + path)
                        .put("name", path)
                        .put("size", size);
            }
        });
        result.put("isError", false);
        return result;
    }

    private static ObjectNode text(String text, boolean error) {
        ObjectNode result = AwsWire.JSON.createObjectNode();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        result.put("isError", error);
        return result;
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
