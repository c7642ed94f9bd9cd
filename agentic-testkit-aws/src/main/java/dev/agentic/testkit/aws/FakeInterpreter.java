package dev.agentic.testkit.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The machine behind one fake code-interpreter session: it runs every tool for real on the backing
 * {@link Sandbox}. When the sandbox declares sessions, {@link SandboxSession}s (one per language used) keep
 * interpreter state and files ({@link Stateful}); otherwise each call is a one-shot run that carries the
 * session's files in and out ({@link Carried}), so files persist but variables do not. Commands and file
 * tools work on the Python side. Calls are serialised by the server.
 */
abstract class FakeInterpreter implements AutoCloseable {
    /** The name of the archive that carries a stateless session's files into a run; never listed. */
    static final String CARRIED = ".fake-agentcore-files.zip";
    /** The same for JavaScript and TypeScript runs: a JSON object of base64 contents by path. */
    static final String CARRIED_JSON = ".fake-agentcore-files.json";
    /** An optional {@code #!} line, then an optional {@code "use strict"} directive: both must stay first. */
    private static final Pattern PROLOGUE =
            Pattern.compile("^(#![^\\n]*\\n)?([ \\t\\r\\n]*(['\"])use strict\\3[ \\t]*;?)?");

    static FakeInterpreter open(Sandbox sandbox, ExecutionLimits limits) {
        return sandbox.capabilities().supportsSessions() ? new Stateful(sandbox, limits) : new Carried(sandbox, limits);
    }

    /** Runs Python {@code source} with the session's state. */
    ExecutionResult run(String source) {
        return run(Language.PYTHON, source);
    }

    /**
     * Runs {@code source} in {@code language} with the session's state and files.
     *
     * @throws UnsupportedCapabilityException when the backing sandbox does not run {@code language}
     */
    abstract ExecutionResult run(Language language, String source);

    /** Runs {@code command} in a shell in the session's working directory. */
    ExecutionResult command(String command) {
        return run(("import subprocess as _sp, sys as _sys\n"
                + "_r = _sp.run(" + literal(command) + ", shell=True, capture_output=True)\n"
                + "_sys.stdout.write(_r.stdout.decode('utf-8', 'replace'))\n"
                + "_sys.stderr.write(_r.stderr.decode('utf-8', 'replace'))\n"
                + "_sys.exit(_r.returncode)\n"));
    }

    /** Forgets variables and imports; files stay. */
    abstract void clearContext();

    abstract void write(String path, byte[] content);

    abstract Optional<byte[]> read(String path);

    /** Relative paths and sizes of the working directory's regular files. */
    abstract Map<String, Long> list();

    abstract void remove(String path);

    @Override
    public abstract void close();

    /** A JavaScript string literal whose value is {@code text} (JSON is a subset of it). */
    static String jsString(String text) {
        try {
            return AwsWire.JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Python expression whose value is {@code text}, safe for any characters. */
    static String literal(String text) {
        return "__import__('base64').b64decode('"
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
                + "').decode('utf-8')";
    }

    /**
     * Interpreter state and files kept by sessions of the backing sandbox: a Python session holds the files
     * and runs commands; a program in another language runs in a session of that language, opened on first
     * use, whose files are made the same as the Python session's before the run and copied back after it
     * (deletions included), so all languages of one fake session see one set of files.
     */
    static final class Stateful extends FakeInterpreter {
        private final Sandbox sandbox;
        private final ExecutionLimits limits;
        private final SandboxSession session;
        private final Map<Language, SandboxSession> others = new EnumMap<>(Language.class);

        Stateful(Sandbox sandbox, ExecutionLimits limits) {
            this.sandbox = sandbox;
            this.limits = limits;
            this.session = open(Language.PYTHON);
        }

        private SandboxSession open(Language language) {
            return sandbox.openSession(
                    SessionOptions.builder().language(language).limits(limits).build());
        }

        @Override
        synchronized ExecutionResult run(Language language, String source) {
            if (language == Language.PYTHON) {
                return session.execute(SessionRequest.of(new Code(language, source)));
            }
            SandboxSession other = others.get(language);
            if (other == null) {
                other = open(language);
                others.put(language, other);
            }
            mirror(session, other, language);
            ExecutionResult r = other.execute(SessionRequest.of(new Code(language, source)));
            mirror(other, session, Language.PYTHON);
            return r;
        }

        /** Makes {@code to}'s files those of {@code from}: writes what differs, deletes what {@code from} lacks. */
        private static void mirror(SandboxSession from, SandboxSession to, Language toLanguage) {
            Map<String, byte[]> source = files(from);
            Map<String, byte[]> target = files(to);
            source.forEach((path, content) -> {
                if (!Arrays.equals(content, target.get(path))) {
                    to.writeFile(new InputFile(path, content));
                }
            });
            List<String> gone =
                    target.keySet().stream().filter(p -> !source.containsKey(p)).toList();
            if (!gone.isEmpty()) {
                to.execute(SessionRequest.of(new Code(toLanguage, remover(toLanguage, gone))));
            }
        }

        private static Map<String, byte[]> files(SandboxSession s) {
            Map<String, byte[]> out = new TreeMap<>();
            s.collectFiles("**").forEach(f -> out.put(f.path(), f.content()));
            return out;
        }

        /** Code in {@code language} that deletes {@code paths} and leaves no names behind. */
        private static String remover(Language language, List<String> paths) {
            StringBuilder list = new StringBuilder("[");
            for (String p : paths) {
                list.append(list.length() > 1 ? ", " : "")
                        .append(language == Language.PYTHON ? literal(p) : jsString(p));
            }
            list.append("]");
            if (language == Language.PYTHON) {
                return "for _p in " + list + ":\n    __import__('os').remove(_p)\ndel _p\n";
            }
            return "for (const p of " + list
                    + ") { process.getBuiltinModule(\"node:fs\").rmSync(p, { force: true }); }\n";
        }

        @Override
        synchronized void clearContext() {
            List<OutputFile> files = session.collectFiles("**");
            session.reset();
            files.forEach(f -> session.writeFile(new InputFile(f.path(), f.content())));
        }

        @Override
        synchronized void write(String path, byte[] content) {
            session.writeFile(new InputFile(path, content));
        }

        @Override
        synchronized Optional<byte[]> read(String path) {
            return session.readFile(path).map(OutputFile::content);
        }

        @Override
        synchronized Map<String, Long> list() {
            Map<String, Long> out = new TreeMap<>();
            session.collectFiles("**").forEach(f -> out.put(f.path(), f.size()));
            return out;
        }

        @Override
        synchronized void remove(String path) {
            run("__import__('os').remove(" + literal(path) + ")");
        }

        @Override
        public void close() {
            session.close();
            List<SandboxSession> opened;
            synchronized (this) {
                opened = List.copyOf(others.values());
            }
            opened.forEach(SandboxSession::close);
        }
    }

    /**
     * Without sessions in the backing sandbox: each call is one run whose working directory starts with the
     * session's files (unpacked from an input archive) and whose files afterwards become the session's files.
     * Variables do not persist.
     */
    static final class Carried extends FakeInterpreter {
        private final Sandbox sandbox;
        private final ExecutionLimits limits;
        private final Map<String, byte[]> files = new TreeMap<>();

        Carried(Sandbox sandbox, ExecutionLimits limits) {
            this.sandbox = sandbox;
            this.limits = limits.toBuilder().maxOutputFiles(4096).build();
        }

        @Override
        synchronized ExecutionResult run(Language language, String source) {
            if (language != Language.PYTHON) {
                return carry(sandbox.execute(nodeRun(language, source)));
            }
            StringBuilder program = new StringBuilder();
            ExecutionRequest.Builder request =
                    ExecutionRequest.builder().limits(limits).outputGlob("**");
            if (!files.isEmpty()) {
                request.inputFile(CARRIED, zip());
                program.append("import zipfile as _zf\nwith _zf.ZipFile('")
                        .append(CARRIED)
                        .append("') as _z:\n    _z.extractall('.')\ndel _zf, _z\n");
            }
            program.append("exec(compile(").append(literal(source)).append(", '<code>', 'exec'))\n");
            return carry(sandbox.execute(
                    request.code(Code.python(program.toString())).build()));
        }

        /**
         * A JavaScript or TypeScript run whose files arrive as regular files (input files of a local sandbox are
         * mounts, which a program cannot delete): they travel base64 in {@link #CARRIED_JSON}, unpacked by one line
         * put on the program's first line (after a {@code #!} line or {@code "use strict"}), so line numbers
         * stay the program's own.
         */
        private ExecutionRequest nodeRun(Language language, String source) {
            ExecutionRequest.Builder request =
                    ExecutionRequest.builder().limits(limits).outputGlob("**");
            String program = source;
            if (!files.isEmpty()) {
                Map<String, String> encoded = new TreeMap<>();
                files.forEach((p, c) -> encoded.put(p, Base64.getEncoder().encodeToString(c)));
                try {
                    request.inputFile(CARRIED_JSON, AwsWire.JSON.writeValueAsBytes(encoded));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                String any = language == Language.TYPESCRIPT ? ": any" : "";
                String unpack = ";(function () { const fs" + any + " = process.getBuiltinModule(\"node:fs\");"
                        + " const path" + any + " = process.getBuiltinModule(\"node:path\");"
                        + " const files" + any + " = JSON.parse(fs.readFileSync(\"" + CARRIED_JSON + "\", \"utf8\"));"
                        + " for (const p of Object.keys(files)) { fs.mkdirSync(path.dirname(p), { recursive: true });"
                        + " fs.writeFileSync(p, Buffer.from(files[p], \"base64\")); } })();";
                Matcher m = PROLOGUE.matcher(source);
                int at = m.find() ? m.end() : 0;
                program = source.substring(0, at) + unpack + source.substring(at);
            }
            return request.code(new Code(language, program)).build();
        }

        /** Takes the run's files as the session's files. */
        private ExecutionResult carry(ExecutionResult r) {
            files.clear();
            for (OutputFile f : r.output().files()) {
                if (!f.path().equals(CARRIED) && !f.path().equals(CARRIED_JSON)) {
                    files.put(f.path(), f.content());
                }
            }
            return r;
        }

        private byte[] zip() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                for (Map.Entry<String, byte[]> e : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        @Override
        void clearContext() {
            // nothing to clear: no variable outlives a run here
        }

        @Override
        synchronized void write(String path, byte[] content) {
            InputFile checked = new InputFile(path, content); // refuses absolute paths and '..'
            files.put(checked.name(), checked.content());
        }

        @Override
        synchronized Optional<byte[]> read(String path) {
            return Optional.ofNullable(files.get(path)).map(byte[]::clone);
        }

        @Override
        synchronized Map<String, Long> list() {
            Map<String, Long> out = new TreeMap<>();
            files.forEach((p, c) -> out.put(p, (long) c.length));
            return out;
        }

        @Override
        synchronized void remove(String path) {
            files.remove(path);
        }

        @Override
        public void close() {
            synchronized (this) {
                files.clear();
            }
        }
    }
}
