package dev.agentic.bedrock.internal.agentcore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.InputFile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivers environment variables and secrets to a program in the service, which has no environment
 * parameter: the values go in a file written with {@code writeFiles} under a random name, and generated code
 * loads that file into the environment and deletes it before the program's first line runs. The values never
 * appear in code text. Immutable.
 *
 * <p>Python: {@code os.environ}; one-shot programs then run as their own compilation unit, so their line
 * numbers are their own. JavaScript and TypeScript: one line that works on Deno (the service's default
 * runtime, detected by {@code globalThis.Deno}: {@code Deno.env}) and on Node.js ({@code process.env}); in
 * one-shot runs it is put on the program's first line (after a {@code #!} line and a {@code "use strict"}
 * directive, which must stay first), so every line number in errors and stack traces is the program's own
 * and only columns of the first line shift. Static {@code import}s of an ES module are evaluated before any
 * statement of it, so a module they import that reads the environment at load time does not see the values.
 */
public final class Preamble {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An optional {@code #!} line, then an optional {@code "use strict"} directive: both must stay first. */
    private static final Pattern PROLOGUE =
            Pattern.compile("^(#![^\\n]*\\n)?([ \\t\\r\\n]*(['\"])use strict\\3[ \\t]*;?)?");

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
        return load(Language.PYTHON);
    }

    /**
     * Code in {@code language} that loads the file into the environment, deletes it (also when it is not
     * valid JSON), and leaves no names behind. For JavaScript and TypeScript it is a single line without a
     * line break.
     */
    public String load(Language language) {
        return switch (language) {
            case PYTHON ->
                "import json as _agentic_json, os as _agentic_os\n"
                        + "with open('" + fileName + "', 'rb') as _agentic_f:\n"
                        + "    _agentic_t = _agentic_f.read().decode('utf-8')\n"
                        + "_agentic_os.remove('" + fileName + "')\n"
                        + "_agentic_os.environ.update(_agentic_json.loads(_agentic_t))\n"
                        + "del _agentic_json, _agentic_os, _agentic_f, _agentic_t\n";
            case JAVASCRIPT -> script("", "typeof require === \"function\" ? require(\"node:fs\") : null");
            case TYPESCRIPT -> script(": any", "null");
            default -> throw new IllegalArgumentException("no environment preamble for " + language);
        };
    }

    /**
     * One line of JavaScript (or TypeScript with {@code any} annotations) in a function of its own. On Deno it
     * reads and removes the file with {@code Deno.readTextFileSync}/{@code removeSync} and sets
     * {@code Deno.env} (which {@code process.env} reflects there); on Node.js it uses {@code node:fs} from
     * {@code process.getBuiltinModule} (Node 20.16 and later), else {@code require}, and sets
     * {@code process.env}.
     */
    private String script(String any, String requireFs) {
        String f = "\"" + fileName + "\"";
        return ";(function () { const g" + any + " = globalThis; const d" + any + " = g.Deno; let t" + any + ";"
                + " if (d) { t = d.readTextFileSync(" + f + "); d.removeSync(" + f + "); }"
                + " else { const fs" + any
                + " = g.process.getBuiltinModule ? g.process.getBuiltinModule(\"node:fs\") : "
                + requireFs + ";"
                + " if (!fs) { throw new Error(\"cannot read the environment file: no node:fs module\"); }"
                + " try { t = fs.readFileSync(" + f + ", \"utf8\"); } finally { fs.rmSync(" + f
                + ", { force: true }); } }"
                + " const o" + any + " = JSON.parse(t);"
                + " for (const k of Object.keys(o)) { if (d) { d.env.set(k, String(o[k])); }"
                + " else { g.process.env[k] = String(o[k]); } } })();";
    }

    /**
     * Code in {@code language} that runs {@link #load(Language)} and then {@code source}. Python runs the
     * program as its own compilation unit (see {@link #wrap}); JavaScript and TypeScript get the one-line
     * preamble on the program's first line, so line numbers stay the program's own.
     */
    public String loadThenRun(Language language, String source) {
        if (language == Language.PYTHON) {
            return load() + wrap(source);
        }
        Matcher m = PROLOGUE.matcher(source);
        int at = m.find() ? m.end() : 0;
        return source.substring(0, at) + load(language) + source.substring(at);
    }

    /** Python: {@link #loadThenRun(Language, String)} for {@link Language#PYTHON}. */
    public String loadThenRun(String source) {
        return loadThenRun(Language.PYTHON, source);
    }

    /** {@code source} compiled as a unit of its own (as {@link #loadThenRun} does, without loading anything). */
    public static String wrap(String source) {
        String b64 = Base64.getEncoder().encodeToString(source.getBytes(StandardCharsets.UTF_8));
        return "exec(compile(__import__('base64').b64decode('" + b64 + "').decode('utf-8'), '<program>', 'exec'))\n";
    }
}
