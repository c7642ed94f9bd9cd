package dev.agentic.web.internal;

import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxEnvironment;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Sandbox} whose every run goes to one tab's {@link SandboxSession}, so the SDK's executor and
 * orchestrator run a tab's programs in that tab's interpreter. A request must carry the network, environment and
 * secrets the session was opened with (they are fixed for a session); its wall time becomes the run's timeout,
 * its input files are written into the session and its output globs collected after the run. When the session
 * has ended on its own (a run that timed out or was killed may end the interpreter), the next run opens a fresh
 * one and its result says, in a note, that the earlier state is gone. {@link #cancel()} ends a run in progress
 * the same way.
 *
 * <p>Thread-safe. Owns its sessions: {@link #end()} closes the current one; {@link #close()} does nothing, as
 * the executor that holds this sandbox never owns it.
 */
@Internal
final class SessionSandbox implements Sandbox {
    static final String FRESH = "the tab's earlier sandbox session had ended (a run that timed out or was killed "
            + "can end it); this run started a fresh interpreter, so earlier variables, imports and files are gone";
    static final String CANCELLED = "cancelled: the run was cancelled, which ended the tab's interpreter; the next "
            + "run starts a fresh one, so earlier variables, imports and files are gone";
    private final Sandbox sandbox;
    private final SessionOptions options;
    private SandboxSession session;
    private boolean ended;
    // the session a run executes in now, and whether cancel() ended it; guarded by this
    private SandboxSession running;
    private boolean cancelRequested;

    SessionSandbox(Sandbox sandbox, SessionOptions options) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.options = Objects.requireNonNull(options, "options");
        this.session = sandbox.openSession(options);
    }

    /** The live session, and whether it was opened now because the earlier one had ended. */
    private synchronized SandboxSession live(boolean[] fresh) {
        if (ended) {
            throw new SandboxException("this tab's sandbox session has been closed; reload the page for a new one");
        }
        if (!session.isAlive()) {
            session.close();
            session = sandbox.openSession(options);
            fresh[0] = true;
        }
        return session;
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        boolean[] fresh = {false};
        SandboxSession session = live(fresh);
        if (!request.network().equals(options.network())
                || !request.secrets().equals(options.secrets())
                || !request.environment().equals(options.environment())) {
            throw new SandboxException("session " + session.id() + " was opened with other network, environment or "
                    + "secrets than this run asks for; open a new session for different settings.");
        }
        request.inputFiles().forEach(session::writeFile);
        synchronized (this) {
            running = session;
            cancelRequested = false;
        }
        long start = System.nanoTime();
        ExecutionResult result = null;
        SandboxException failure = null;
        try {
            result = session.execute(SessionRequest.builder()
                    .code(request.code())
                    .timeout(request.limits().wallTime())
                    .build());
        } catch (SandboxException e) {
            failure = e;
        }
        if (endRun()) {
            ExecutionOutput out = result != null
                    ? result.output()
                    : ExecutionOutput.of("", "", Duration.ofNanos(System.nanoTime() - start));
            result = new ExecutionResult.Killed(
                    9, Limit.UNKNOWN, out.toBuilder().note(CANCELLED).build());
        } else if (failure != null) {
            throw failure;
        }
        if (fresh[0]) {
            result = result.withOutput(result.output().toBuilder().note(FRESH).build());
        }
        if (request.outputGlobs().isEmpty() || !session.isAlive()) {
            return result;
        }
        Map<String, OutputFile> files = new LinkedHashMap<>();
        result.output().files().forEach(f -> files.put(f.path(), f));
        for (String glob : request.outputGlobs()) {
            session.collectFiles(glob).forEach(f -> files.putIfAbsent(f.path(), f));
        }
        return result.withOutput(result.output().toBuilder()
                .files(new ArrayList<>(files.values()))
                .build());
    }

    /** Clears the running run; whether {@link #cancel()} ended it. */
    private synchronized boolean endRun() {
        running = null;
        boolean cancelled = cancelRequested;
        cancelRequested = false;
        return cancelled;
    }

    /**
     * Ends the run in progress, if any, by closing its session (the only way to stop a session's program at
     * once): that run ends as {@link ExecutionResult.Killed} with the {@link #CANCELLED} note, and the next run
     * opens a fresh session and says so. False when no run was in progress.
     */
    boolean cancel() {
        SandboxSession s;
        synchronized (this) {
            if (running == null || ended) {
                return false;
            }
            cancelRequested = true;
            s = running;
        }
        s.close();
        return true;
    }

    @Override
    public SandboxCapabilities capabilities() {
        return sandbox.capabilities();
    }

    @Override
    public Optional<SandboxEnvironment> environment() {
        return sandbox.environment();
    }

    /** Discards the interpreter state: resets a live session, or opens a fresh one in place of an ended one. */
    synchronized void reset() {
        if (ended) {
            return;
        }
        if (session.isAlive()) {
            session.reset();
        } else {
            session.close();
            session = sandbox.openSession(options);
        }
    }

    /** Closes the current session; later runs are refused. Idempotent. */
    synchronized void end() {
        ended = true;
        session.close();
    }

    @Override
    public void close() {}

    @Override
    public synchronized String toString() {
        return "session " + session.id() + " of " + sandbox;
    }
}
