package dev.agentic.testkit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Answers {@code InvokeCodeInterpreter} tool calls of {@link FakeAgentCoreServer} with one {@code result} event. */
final class InterpreterTools {
    /**
     * The notional absolute working directory of every fake session, in {@code listFiles} URIs
     * ({@code file:///workspace/out/a.txt}); the other tools take paths relative to it.
     */
    static final String WORKING_DIRECTORY = "/workspace";

    private final SandboxCapabilities capabilities;

    InterpreterTools(SandboxCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    void answer(HttpExchange exchange, FakeSession session, String tool, JsonNode args) throws IOException {
        String refusal = refusal(capabilities, tool, args);
        if (refusal != null) {
            AwsWire.error(exchange, 400, "ValidationException", refusal, false);
            return;
        }
        ObjectNode result;
        try {
            result = session.call(() -> run(session.interpreter, tool, args));
        } catch (UnsupportedCapabilityException e) {
            AwsWire.error(exchange, 400, "ValidationException", "language not supported: " + e.getMessage(), false);
            return;
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

    private static String refusal(SandboxCapabilities capabilities, String tool, JsonNode args) {
        switch (tool) {
            case "executeCode":
                String language = args.path("language").asText("python");
                Optional<Language> known = language(language);
                if (known.isEmpty()) {
                    return "1 validation error detected: Value '" + language + "' at 'arguments.language' failed to "
                            + "satisfy constraint: Member must satisfy enum value set: [python, javascript, typescript]";
                }
                return capabilities.runs(known.get())
                        ? null
                        : "language " + language + " is not supported by this fake AgentCore server: its backing "
                                + "sandbox runs " + capabilities.languages();
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
                Language language =
                        language(args.path("language").asText("python")).orElseThrow();
                if (language == Language.PYTHON && args.path("clearContext").asBoolean(false)) {
                    interpreter.clearContext();
                }
                return executed(interpreter.run(language, args.path("code").asText("")));
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
                return listed(interpreter.list(), directory(args));
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

    /** The language of an {@code executeCode} call, by its wire name. */
    private static Optional<Language> language(String wire) {
        return switch (wire) {
            case "python" -> Optional.of(Language.PYTHON);
            case "javascript" -> Optional.of(Language.JAVASCRIPT);
            case "typescript" -> Optional.of(Language.TYPESCRIPT);
            default -> Optional.empty();
        };
    }

    /**
     * The directory {@code listFiles} lists, relative to the working directory ("" for itself): argument
     * {@code path}, else {@code directoryPath}, else the working directory; absolute paths under
     * {@link #WORKING_DIRECTORY} are accepted.
     */
    private static String directory(JsonNode args) {
        String d = args.hasNonNull("path")
                ? args.path("path").asText()
                : args.path("directoryPath").asText(".");
        if (d.equals(WORKING_DIRECTORY) || d.startsWith(WORKING_DIRECTORY + "/")) {
            d = d.substring(WORKING_DIRECTORY.length());
        }
        d = d.replaceAll("^/+", "").replaceAll("/+$", "");
        while (d.startsWith("./")) {
            d = d.substring(2);
        }
        return d.equals(".") ? "" : d;
    }

    /**
     * One level of {@code directory}, like {@code ls}: a {@code resource_link} block per entry, with
     * {@code uri} {@code file:///workspace/PATH} (a trailing {@code /} for a directory), {@code name} (the base
     * name), {@code mimeType} ({@code inode/directory} for a directory), {@code description} ({@code "file"} or
     * {@code "directory"}) and, for a file, {@code size} in bytes. A directory that does not exist is an
     * error result.
     */
    private static ObjectNode listed(Map<String, Long> files, String directory) {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        Map<String, Long> entries = new TreeMap<>(); // name -> size, or -1 for a directory
        for (Map.Entry<String, Long> f : files.entrySet()) {
            if (!f.getKey().startsWith(prefix)) {
                continue;
            }
            String rest = f.getKey().substring(prefix.length());
            int slash = rest.indexOf('/');
            entries.put(slash < 0 ? rest : rest.substring(0, slash) + "/", slash < 0 ? f.getValue() : -1L);
        }
        if (entries.isEmpty() && !directory.isEmpty()) {
            return text("Directory not found: " + directory, true);
        }
        ObjectNode result = AwsWire.JSON.createObjectNode();
        ArrayNode content = result.putArray("content");
        entries.forEach((name, size) -> {
            boolean dir = name.endsWith("/");
            String base = dir ? name.substring(0, name.length() - 1) : name;
            ObjectNode block = content.addObject()
                    .put("type", "resource_link")
                    .put("uri", "file://" + WORKING_DIRECTORY + "/" + prefix + name)
                    .put("name", base);
            if (dir) {
                block.put("mimeType", "inode/directory").put("description", "directory");
            } else {
                String mime = URLConnection.guessContentTypeFromName(base);
                block.put("mimeType", mime == null ? "application/octet-stream" : mime)
                        .put("description", "file")
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
