package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.core.secret.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A Python, JavaScript or TypeScript session of a {@code LocalSandbox}: one long-lived sandbox (the same launch as
 * a one-shot run) whose supervisor forks the session's Python interpreter, or starts {@code node} running
 * {@code session_interpreter.js}; see {@code session_driver.py} for the channel. When the
 * interpreter is lost (a run that did not stop after its interrupt, output over the cap, the interpreter
 * killed by a limit or by the program), the whole sandbox is killed and the next call starts a fresh one;
 * both results say that earlier state is gone. {@link #reset()} also starts a fresh sandbox.
 *
 * <p>Thread-safe: calls run one at a time; {@link #close()} does not wait and ends a run in progress.
 */
public final class LocalSession implements SandboxSession {
    /** How long an interrupted run gets to return before its interpreter is killed. */
    static final long INTERRUPT_GRACE_MILLIS = 2_000;
    /** How long starting the session's sandbox and interpreter may take. */
    static final long START_MILLIS = 30_000;
    /** How long a file operation may take. */
    static final long FILE_OP_MILLIS = 30_000;
    /** RLIMIT_CPU hard limit of the session's interpreter over its whole life. */
    static final Duration SESSION_CPU = Duration.ofHours(1);

    private final String id;
    private final SessionOptions options;
    private final RunContext ctx;
    private final Consumer<LocalSession> onEnd;
    private final Redactor redactor;
    private final ExecutionLimits launchLimits;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> pending = new ArrayList<>();
    private volatile SessionProcess process;
    private volatile boolean closed;
    private volatile String endReason = "it was closed";
    private volatile long lastUse = System.nanoTime();
    private int runs;

    LocalSession(String id, SessionOptions options, RunContext ctx, Consumer<LocalSession> onEnd) {
        this.id = id;
        this.options = options;
        this.ctx = ctx;
        this.onEnd = onEnd;
        this.redactor = Redactor.of(options.secrets().values());
        this.launchLimits = options.limits().toBuilder().cpuTime(SESSION_CPU).build();
    }

    /** Starts the sandbox now, so the first run is fast and a broken host fails at open. */
    void start() {
        lock.lock();
        try {
            process = startProcess();
        } finally {
            lock.unlock();
        }
    }

    private SessionProcess startProcess() {
        Map<String, String> env = new LinkedHashMap<>(options.environment());
        env.putAll(options.secrets());
        env.put("HOME", SessionProcess.WORKDIR);
        return SessionProcess.start(
                ctx, options.language(), launchLimits, options.network(), env, redactor, START_MILLIS);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Language language() {
        return options.language();
    }

    @Override
    public ExecutionResult execute(SessionRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.code().language() != options.language()) {
            throw new UnsupportedCapabilityException(
                    "Session " + id + " runs " + options.language().displayName() + ", not "
                            + request.code().language().displayName() + "; open another session for it.",
                    request.code().language());
        }
        lock.lock();
        try {
            SessionProcess p = live();
            runs++;
            List<String> notes = new ArrayList<>(pending);
            pending.clear();
            return new SessionRunner(p, options.language(), options.limits(), redactor, runs)
                    .run(request, notes, this::lost);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lost("the calling thread was interrupted");
            throw new SandboxException("Interrupted while session " + id + " ran code; its interpreter was killed.", e);
        } finally {
            lastUse = System.nanoTime();
            lock.unlock();
        }
    }

    /** Called by a run whose interpreter is gone: kills the sandbox and tells the next run. */
    private void lost(String why) {
        SessionProcess p = process;
        process = null;
        if (p != null) {
            p.destroy();
        }
        checkOpen();
        pending.add("state: this run started in a fresh interpreter because the previous one ended (" + why
                + "); variables, imports and files of earlier runs are gone");
    }

    @Override
    public void reset() {
        lock.lock();
        try {
            checkOpen();
            SessionProcess p = process;
            process = null;
            if (p != null) {
                p.destroy();
            }
            pending.clear();
            process = startProcess();
            checkOpen();
        } finally {
            lastUse = System.nanoTime();
            lock.unlock();
        }
    }

    @Override
    public void writeFile(InputFile file) {
        Objects.requireNonNull(file, "file");
        lock.lock();
        try {
            new SessionFiles(live(), options.limits(), redactor).write(file);
        } finally {
            lastUse = System.nanoTime();
            lock.unlock();
        }
    }

    @Override
    public List<OutputFile> collectFiles(String glob) {
        Objects.requireNonNull(glob, "glob");
        lock.lock();
        try {
            return new SessionFiles(live(), options.limits(), redactor).collect(glob);
        } finally {
            lastUse = System.nanoTime();
            lock.unlock();
        }
    }

    /** The running interpreter, started afresh when the last one was lost. */
    private SessionProcess live() {
        checkOpen();
        SessionProcess p = process;
        if (p == null) {
            p = startProcess();
            process = p;
            if (closed) {
                p.destroy();
                checkOpen();
            }
        }
        return p;
    }

    private void checkOpen() {
        if (closed) {
            throw new SandboxException("Session " + id + " has ended (" + endReason + "); open a new one with "
                    + "Sandbox.openSession(...).");
        }
    }

    @Override
    public boolean isAlive() {
        return !closed;
    }

    /** Ends the session if it has been idle for its idle timeout and no call is in progress. */
    boolean expireIfIdle(long now) {
        if (closed || now - lastUse < options.idleTimeout().toNanos() || !lock.tryLock()) {
            return false;
        }
        try {
            if (now - lastUse < options.idleTimeout().toNanos()) {
                return false;
            }
            end("it expired after " + options.idleTimeout().toMillis() + " ms without a call");
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        end("it was closed");
    }

    /** Ends the session for {@code why}; idempotent. */
    void end(String why) {
        synchronized (this) {
            if (closed) {
                return;
            }
            endReason = why;
            closed = true;
        }
        SessionProcess p = process;
        process = null;
        if (p != null) {
            p.destroy();
        }
        onEnd.accept(this);
    }

    /** Whether a run is executing now (the caller's view; for tests and the registry). */
    boolean busy() {
        return lock.isLocked();
    }

    static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    @Override
    public String toString() {
        return "LocalSession[" + id + ", " + options.language() + (closed ? ", ended" : "") + "]";
    }

    /** For results: an empty output with these notes (used when a run never started). */
    static ExecutionOutput notesOnly(List<String> notes) {
        return ExecutionOutput.builder().notes(notes).build();
    }
}
