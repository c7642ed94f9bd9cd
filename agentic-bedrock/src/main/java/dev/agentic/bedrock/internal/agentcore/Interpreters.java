package dev.agentic.bedrock.internal.agentcore;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.secret.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine behind {@code AgentCoreSandbox}: opens service sessions (running the set-up commands and, for
 * stateful sessions, the environment preamble), runs one-shot programs in a session of their own that is
 * always stopped, and stops every session still open on {@link #close()}. Thread-safe.
 */
public final class Interpreters implements AutoCloseable {
    private final InterpreterCalls calls;
    private final Duration sessionTimeout;
    private final List<String> setup;
    private final Duration setupTimeout;
    private final List<String> notes;
    private final AutoCloseable ownedClient;
    private final Set<RemoteSession> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private boolean clientClosed;

    /**
     * @param notes notes every result carries (what is and is not enforced)
     * @param ownedClient the client to close on {@link #close()}, or null when the caller owns it
     */
    public Interpreters(
            InterpreterCalls calls,
            Duration sessionTimeout,
            List<String> setup,
            Duration setupTimeout,
            List<String> notes,
            AutoCloseable ownedClient) {
        this.calls = calls;
        this.sessionTimeout = sessionTimeout;
        this.setup = List.copyOf(setup);
        this.setupTimeout = setupTimeout;
        this.notes = List.copyOf(notes);
        this.ownedClient = ownedClient;
    }

    /** Service sessions started and not yet stopped by this engine. */
    public int liveSessions() {
        return live.size();
    }

    /**
     * Starts a service session and runs the set-up commands in it (before any secret is there), then, when
     * {@code preamble} is given, writes its file and loads it into the environment of the session's
     * interpreter of {@code language}.
     *
     * @throws SandboxException when the session cannot start or a set-up step fails; the session is stopped
     */
    RemoteSession open(Preamble preamble, Language language) {
        if (closed) {
            throw new SandboxException("The AgentCore sandbox is closed; build a new one.");
        }
        RemoteSession s = RemoteSession.start(calls, sessionTimeout);
        live.add(s);
        try {
            for (int i = 0; i < setup.size(); i++) {
                ToolOutcome o = s.executeCommand(setup.get(i), setupTimeout);
                if (o.timedOut() || o.exitCode() != 0) {
                    throw new SandboxException("Set-up command " + (i + 1) + " of " + setup.size() + " failed in code "
                            + "interpreter session " + s.id()
                            + (o.timedOut()
                                    ? ": no answer within " + setupTimeout.toSeconds() + " s"
                                    : " with exit " + o.exitCode() + ": " + tail(o.stderr() + o.stdout()))
                            + ". Fix the command given to AgentCoreSandbox.Builder.setupCommand (or --setup).");
                }
            }
            if (preamble != null) {
                s.writeFiles(List.of(preamble.file()));
                ToolOutcome o = s.execute(language, preamble.load(language), RemoteSession.HOUSEKEEPING_TIMEOUT);
                if (o.timedOut() || o.exitCode() != 0) {
                    removeQuietly(s, preamble.fileName());
                    throw new SandboxException("Loading the session's environment failed in code interpreter session "
                            + s.id() + (o.timedOut() ? " (no answer)" : " with exit " + o.exitCode()));
                }
            }
            return s;
        } catch (RuntimeException e) {
            release(s);
            throw e;
        }
    }

    /** Deletes the environment file when its loader failed, before the session is stopped; best-effort. */
    private static void removeQuietly(RemoteSession s, String path) {
        try {
            s.removeFiles(List.of(path));
        } catch (RuntimeException e) {
            // the session is stopped next, which discards the file with it
        }
    }

    /** Stops {@code s} in the service and forgets it. */
    void release(RemoteSession s) {
        try {
            s.stop();
        } finally {
            live.remove(s);
        }
    }

    /** The notes of a result from service session {@code sessionId}. */
    List<String> notes(String sessionId) {
        List<String> out = new ArrayList<>(notes);
        out.add("agentcore: code interpreter " + calls.identifier() + ", session " + sessionId);
        return out;
    }

    /**
     * Runs {@code request} in a session of its own, stopped afterwards whatever happens (also on timeout,
     * error and interrupt). A session the service reports gone before the program ran is replaced once.
     */
    public ExecutionResult runOnce(ExecutionRequest request, List<String> extraNotes) {
        try {
            return runOnceIn(request, extraNotes, List.of());
        } catch (SessionGoneException e) {
            return runOnceIn(
                    request,
                    extraNotes,
                    List.of(
                            "agentcore: the first session ended before the program finished; it ran again in a new one"));
        }
    }

    private ExecutionResult runOnceIn(ExecutionRequest request, List<String> extraNotes, List<String> retried) {
        Redactor redactor = Redactor.of(request.secrets().values());
        Language language = request.code().language();
        RemoteSession s = open(null, language);
        try {
            List<InputFile> files = new ArrayList<>(request.inputFiles());
            String code = request.code().source();
            if (!request.environment().isEmpty() || !request.secrets().isEmpty()) {
                Preamble p = Preamble.of(request.environment(), request.secrets());
                files.add(p.file());
                code = p.loadThenRun(language, code);
            }
            s.writeFiles(files);
            Duration wall = request.limits().wallTime();
            ToolOutcome o;
            try {
                o = s.execute(language, code, wall);
            } catch (SessionGoneException e) {
                // the program may have had effects: never run it twice
                throw new SandboxException(
                        "Code interpreter session " + s.id() + " ended while the program ran; "
                                + "it was not run again because it may have had effects. Retry the run.",
                        e,
                        true);
            }
            List<String> notes = notes(s.id());
            notes.addAll(extraNotes);
            notes.addAll(retried);
            List<OutputFile> out = List.of();
            if (o.timedOut()) {
                notes.add("wall time: no result within " + wall.toMillis() + " ms; the session was stopped to end "
                        + "the program");
            } else if (!request.outputGlobs().isEmpty()) {
                out = s.collect(request.outputGlobs(), request.limits(), notes);
            }
            return Results.of(o, wall, request.limits(), out, notes, redactor);
        } finally {
            release(s);
        }
    }

    static String tail(String text) {
        String t = text.strip();
        return t.length() <= 300 ? t : "..." + t.substring(t.length() - 300);
    }

    /** Stops every session still open and closes the client if this engine created it. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (RemoteSession s : List.copyOf(live)) {
            release(s);
        }
        synchronized (this) {
            if (clientClosed || ownedClient == null) {
                return;
            }
            clientClosed = true;
        }
        {
            try {
                ownedClient.close();
            } catch (Exception e) {
                // closing a client that failed to close leaves nothing to clean up
            }
        }
    }
}
