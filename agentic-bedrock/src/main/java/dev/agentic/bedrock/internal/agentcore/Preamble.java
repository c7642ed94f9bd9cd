package dev.agentic.bedrock.internal.agentcore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.sandbox.InputFile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Delivers environment variables and secrets to a program in the service, which has no environment
 * parameter: the values go in a file written with {@code writeFiles} under a random name, and generated
 * Python loads that file into {@code os.environ} and deletes it before the program's first line runs. The
 * values never appear in code text. Immutable.
 */
public final class Preamble {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String fileName;
    private final byte[] content;

    private Preamble(String fileName, byte[] content) {
        this.fileName = fileName;
        this.content = content;
    }

    /** A preamble for {@code environment} and {@code secrets} together (names are disjoint). */
    public static Preamble of(Map<String, String> environment, Map<String, String> secrets) {
        Map<String, String> all = new TreeMap<>(environment);
        all.putAll(secrets);
        try {
            return new Preamble(
                    ".agentic-env-" + UUID.randomUUID().toString().replace("-", "") + ".json",
                    JSON.writeValueAsBytes(all));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the environment file", e);
        }
    }

    /** The file to write before the preamble runs. */
    public InputFile file() {
        return new InputFile(fileName, content);
    }

    public String fileName() {
        return fileName;
    }

    /** Python that loads the file into {@code os.environ}, deletes it, and leaves no names behind. */
    public String load() {
        return "import json as _agentic_json, os as _agentic_os\n"
                + "with open('" + fileName + "', 'rb') as _agentic_f:\n"
                + "    _agentic_os.environ.update(_agentic_json.loads(_agentic_f.read().decode('utf-8')))\n"
                + "_agentic_os.remove('" + fileName + "')\n"
                + "del _agentic_json, _agentic_os, _agentic_f\n";
    }

    /**
     * Python that runs {@link #load()} and then {@code source} as its own compilation unit, so its line
     * numbers and {@code from __future__} imports are its own; its names land in the interpreter's globals.
     */
    public String loadThenRun(String source) {
        return load() + wrap(source);
    }

    /** {@code source} compiled as a unit of its own (as {@link #loadThenRun} does, without loading anything). */
    public static String wrap(String source) {
        String b64 = Base64.getEncoder().encodeToString(source.getBytes(StandardCharsets.UTF_8));
        return "exec(compile(__import__('base64').b64decode('" + b64 + "').decode('utf-8'), '<program>', 'exec'))\n";
    }
}
