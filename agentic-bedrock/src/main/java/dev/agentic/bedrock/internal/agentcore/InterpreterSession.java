package dev.agentic.bedrock.internal.agentcore;

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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link SandboxSession} on one service session at a time. When the service reports the session expired
 * or gone, or a run timed out (which stops the session to end the program), the next call starts a new
 * service session, runs the set-up commands and the environment preamble again, and its result's notes say
 * that earlier state was lost. {@link #reset()} replaces the service session (stop, start, set-up commands
 * and environment preamble again) for every language, since the service's {@code clearContext} clears Python
 * only and would keep files. Thread-safe: calls are serialised.
 */
public final class InterpreterSession implements SandboxSession {
    private static final String STATE_LOST = "agentcore: a new code interpreter session replaced one that %s; "
            + "variables and files of earlier runs were lost";

    private final Interpreters engine;
    private final SessionOptions options;
    private final String id;
    private final Redactor redactor;
    private RemoteSession remote;
    private String lost;
    private boolean closed;

    public InterpreterSession(Interpreters engine, SessionOptions options, String id) {
        this.engine = engine;
        this.options = options;
        this.id = id;
        this.redactor = Redactor.of(options.secrets().values());
        this.remote = engine.open(preamble(), options.language());
    }

    private Preamble preamble() {
        return options.environment().isEmpty() && options.secrets().isEmpty()
                ? null
                : Preamble.of(options.environment(), options.secrets());
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
    public synchronized ExecutionResult execute(SessionRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.code().language() != options.language()) {
            throw new UnsupportedCapabilityException(
                    "Session " + id + " runs " + options.language() + ", not "
                            + request.code().language() + "; open another session for that language.",
                    request.code().language());
        }
        Duration wall = request.timeout().orElse(options.limits().wallTime());
        ExecutionLimits limits = options.limits();
        return call(s -> {
            ToolOutcome o = s.execute(options.language(), request.code().source(), wall);
            List<String> notes = engine.notes(s.id());
            if (o.timedOut()) {
                notes.add("wall time: no result within " + wall.toMillis() + " ms; the session was stopped to end "
                        + "the program, and the next run starts a new one without this session's state");
                engine.release(s);
                remote = null;
                lost = "was stopped after a run timed out";
            }
            return Results.of(o, wall, limits, List.of(), notes, redactor);
        });
    }

    /**
     * Forgets variables and files: stops the service session and starts a new one, with the set-up commands
     * and the environment preamble run again (the service's {@code clearContext} is Python-only and keeps
     * files, so it is not used for any language).
     */
    @Override
    public synchronized void reset() {
        ensureOpen();
        if (remote != null) {
            engine.release(remote);
        }
        remote = null;
        lost = null;
        remote = engine.open(preamble(), options.language());
    }

    @Override
    public synchronized void writeFile(InputFile file) {
        Objects.requireNonNull(file, "file");
        call(s -> {
            s.writeFiles(List.of(file));
            return null;
        });
    }

    @Override
    public synchronized List<OutputFile> collectFiles(String glob) {
        Objects.requireNonNull(glob, "glob");
        return call(s -> {
            List<String> notes = new ArrayList<>();
            return redact(s.collect(glob, options.limits(), notes));
        });
    }

    @Override
    public synchronized Optional<OutputFile> readFile(String path) {
        Objects.requireNonNull(path, "path");
        return call(s -> s.readFile(path).map(c -> new OutputFile(path, c)))
                .flatMap(f -> redact(List.of(f)).stream().findFirst());
    }

    private List<OutputFile> redact(List<OutputFile> files) {
        if (redactor.isEmpty()) {
            return files;
        }
        return ExecutionOutput.builder().files(files).build().redact(redactor).files();
    }

    /**
     * Runs {@code step} on the current service session, starting one first when needed; when the service
     * says the session is gone, replaces it once and runs the step again (its result then notes the loss).
     */
    private <T> T call(Function<RemoteSession, T> step) {
        ensureOpen();
        for (int attempt = 0; ; attempt++) {
            if (remote == null) {
                remote = engine.open(preamble(), options.language());
            }
            String pending = lost;
            lost = null;
            try {
                return withLostNote(step.apply(remote), pending);
            } catch (SessionGoneException e) {
                engine.release(remote);
                remote = null;
                lost = "had expired or was gone";
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    /** Puts the note about lost state on the first run's result after the loss; keeps it pending otherwise. */
    @SuppressWarnings("unchecked")
    private <T> T withLostNote(T result, String pending) {
        if (pending == null) {
            return result;
        }
        if (!(result instanceof ExecutionResult r)) {
            if (lost == null) {
                lost = pending;
            }
            return result;
        }
        String note = String.format(STATE_LOST, pending);
        return (T) r.withOutput(r.output().toBuilder().note(note).build());
    }

    private void ensureOpen() {
        if (closed) {
            throw new SandboxException("Session " + id + " is closed; open a new one with openSession.");
        }
    }

    /**
     * False once closed, or when the service says the session's interpreter is gone (GetCodeInterpreterSession,
     * asked outside this session's lock); the next run would replace it, with its state lost.
     */
    @Override
    public boolean isAlive() {
        RemoteSession current;
        synchronized (this) {
            if (closed) {
                return false;
            }
            current = remote;
        }
        return current == null || current.isReady();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (remote != null) {
            engine.release(remote);
            remote = null;
        }
    }

    @Override
    public String toString() {
        return "AgentCoreSession[" + id + "]";
    }
}
