package dev.agentic.testkit.aws;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The machine behind one fake code-interpreter session: it runs every tool for real on the backing
 * {@link Sandbox}. When the sandbox declares sessions, a {@link SandboxSession} keeps interpreter state and
 * files ({@link Stateful}); otherwise each call is a one-shot run that carries the session's files in and out
 * ({@link Carried}), so files persist but variables do not. Calls are serialised by the server.
 */
abstract class FakeInterpreter implements AutoCloseable {
    /** The name of the archive that carries a stateless session's files into a run; never listed. */
    static final String CARRIED = ".fake-agentcore-files.zip";

    static FakeInterpreter open(Sandbox sandbox, ExecutionLimits limits) {
        return sandbox.capabilities().supportsSessions() ? new Stateful(sandbox, limits) : new Carried(sandbox, limits);
    }

    /** Runs Python {@code source} with the session's state. */
    abstract ExecutionResult run(String source);

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

    /** A Python expression whose value is {@code text}, safe for any characters. */
    static String literal(String text) {
        return "__import__('base64').b64decode('"
                + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
                + "').decode('utf-8')";
    }

    /** Interpreter state and files kept by a session of the backing sandbox. */
    static final class Stateful extends FakeInterpreter {
        private final SandboxSession session;

        Stateful(Sandbox sandbox, ExecutionLimits limits) {
            this.session = sandbox.openSession(SessionOptions.builder()
                    .language(Language.PYTHON)
                    .limits(limits)
                    .build());
        }

        @Override
        ExecutionResult run(String source) {
            return session.execute(SessionRequest.of(Code.python(source)));
        }

        @Override
        void clearContext() {
            List<OutputFile> files = session.collectFiles("**");
            session.reset();
            files.forEach(f -> session.writeFile(new InputFile(f.path(), f.content())));
        }

        @Override
        void write(String path, byte[] content) {
            session.writeFile(new InputFile(path, content));
        }

        @Override
        Optional<byte[]> read(String path) {
            return session.readFile(path).map(OutputFile::content);
        }

        @Override
        Map<String, Long> list() {
            Map<String, Long> out = new TreeMap<>();
            session.collectFiles("**").forEach(f -> out.put(f.path(), f.size()));
            return out;
        }

        @Override
        void remove(String path) {
            run("__import__('os').remove(" + literal(path) + ")");
        }

        @Override
        public void close() {
            session.close();
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
        synchronized ExecutionResult run(String source) {
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
            ExecutionResult r = sandbox.execute(
                    request.code(Code.python(program.toString())).build());
            files.clear();
            for (OutputFile f : r.output().files()) {
                if (!f.path().equals(CARRIED)) {
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
