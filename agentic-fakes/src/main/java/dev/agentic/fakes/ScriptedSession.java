package dev.agentic.fakes;

import dev.agentic.core.Language;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.OutputGlob;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A session of a {@link ScriptedSandbox}: runs are answered by the sandbox's session script, and the session
 * records what a test wants to check — every run request, resets, the files written in — and keeps a
 * working directory in memory: files written with {@link #writeFile} and the {@linkplain
 * ExecutionResult#output() output files} of scripted results, until {@link #reset()}. Interpreter state is
 * the script's business: it is given this session, with {@link #requestsSinceReset()}, to derive it.
 *
 * <p>Thread-safe; one call at a time. Closed by whoever opened it, or by closing the sandbox.
 */
@Experimental
public final class ScriptedSession implements SandboxSession {
    private final ScriptedSandbox sandbox;
    private final String id;
    private final SessionOptions options;
    private final List<SessionRequest> requests = new ArrayList<>();
    private final List<InputFile> written = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private int firstSinceReset;
    private int resets;
    private boolean closed;

    ScriptedSession(ScriptedSandbox sandbox, String id, SessionOptions options) {
        this.sandbox = sandbox;
        this.id = id;
        this.options = options;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Language language() {
        return options.language();
    }

    /** The options the session was opened with. */
    public SessionOptions options() {
        return options;
    }

    /** Records {@code request}, answers it from the script and adds the result's output files to the session. */
    @Override
    public synchronized ExecutionResult execute(SessionRequest request) {
        Objects.requireNonNull(request, "request");
        checkAlive();
        if (request.code().language() != language()) {
            throw new UnsupportedCapabilityException(
                    id + " runs " + language() + ", not " + request.code().language()
                            + "; open a session for that language.",
                    request.code().language());
        }
        requests.add(request);
        ExecutionResult result = sandbox.answer(this, request, requests.size());
        for (OutputFile f : result.output().files()) {
            files.put(f.path(), f.content());
        }
        return result;
    }

    /** Forgets the working directory's files and starts {@link #requestsSinceReset()} afresh. */
    @Override
    public synchronized void reset() {
        checkAlive();
        resets++;
        firstSinceReset = requests.size();
        files.clear();
    }

    @Override
    public synchronized void writeFile(InputFile file) {
        Objects.requireNonNull(file, "file");
        checkAlive();
        written.add(file);
        files.put(file.name(), file.content());
    }

    /** The in-memory working directory's files matching {@code glob}, within the session's output limits. */
    @Override
    public synchronized List<OutputFile> collectFiles(String glob) {
        Objects.requireNonNull(glob, "glob");
        checkAlive();
        PathMatcher matcher = OutputGlob.matcher(glob);
        List<OutputFile> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (out.size() < options.limits().maxOutputFiles()
                    && matcher.matches(Path.of(e.getKey()))
                    && e.getValue().length <= options.limits().maxFileSizeBytes()) {
                out.add(new OutputFile(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    @Override
    public synchronized boolean isAlive() {
        return !closed;
    }

    /** Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Every run request of this session, oldest first (a snapshot). */
    public synchronized List<SessionRequest> requests() {
        return List.copyOf(requests);
    }

    /** The run requests since the last {@link #reset()} (or since the session opened), oldest first. */
    public synchronized List<SessionRequest> requestsSinceReset() {
        return List.copyOf(requests.subList(firstSinceReset, requests.size()));
    }

    /** How often {@link #reset()} was called. */
    public synchronized int resetCount() {
        return resets;
    }

    /** Every file written with {@link #writeFile}, oldest first, resets notwithstanding. */
    public synchronized List<InputFile> writtenFiles() {
        return List.copyOf(written);
    }

    private void checkAlive() {
        if (closed) {
            throw new SandboxException("Session " + id + " is closed; open a new one with openSession(...).");
        }
    }

    @Override
    public String toString() {
        return "ScriptedSession[" + id + ", " + language() + (closed ? ", closed" : "") + "]";
    }
}
