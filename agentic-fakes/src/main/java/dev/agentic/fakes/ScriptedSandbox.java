package dev.agentic.fakes;

import dev.agentic.core.Language;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link Sandbox} that runs nothing and answers from a script, for offline tests of hosts: no bubblewrap,
 * no processes, fully deterministic. It records every request and every session it was asked for.
 *
 * <p><b>Not a security boundary.</b> It executes no code, so it enforces nothing; its
 * {@link #capabilities()} are only a declaration. By default it declares every
 * {@link dev.agentic.core.sandbox.SandboxCapability} and every {@link Language}, so that an executor hands
 * it any request a test builds (allowlists, secrets, limits, files, sessions). To test how a host reacts to a
 * sandbox that lacks something, declare less with {@link Builder#capabilities}: the sandbox then refuses, as a
 * real one must, a request or session needing more, with an
 * {@link dev.agentic.core.sandbox.UnsupportedCapabilityException} (the request is still recorded).
 *
 * <pre>{@code
 * ScriptedSandbox sandbox = ScriptedSandbox.builder()
 *     .succeed("customer cus_123\n")
 *     .fail(1, "KeyError: 'id'\n")
 *     .build();
 * ... run the code under test ...
 * assertThat(sandbox.requests()).hasSize(2);
 * assertThat(sandbox.lastRequest().secrets()).containsKey("STRIPE_API_KEY");
 * }</pre>
 *
 * <p>How runs are answered: each {@link #execute} takes the next listed result; when they are used up the
 * {@linkplain Builder#respondWith function} answers, and without one the call throws a {@link SandboxException}
 * saying {@code ScriptedSandbox has no result for run 3; it was given 2}. Session runs are answered the same
 * way from their own script ({@link Builder#sessionResult}, {@link Builder#sessionRespondWith}); see
 * {@link ScriptedSession} for what a session records. Idle timeouts are not simulated.
 *
 * <p>Thread-safe: concurrent calls take results in the order they arrive. The creator closes it;
 * {@link #close()} closes every open session, and later calls throw {@link SandboxException}.
 */
@Experimental
public final class ScriptedSandbox implements Sandbox {
    private final SandboxCapabilities capabilities;
    private final List<ExecutionResult> results;
    private final Function<ExecutionRequest, ExecutionResult> function;
    private final List<ExecutionResult> sessionResults;
    private final BiFunction<ScriptedSession, SessionRequest, ExecutionResult> sessionFunction;
    private final List<ExecutionRequest> requests = new ArrayList<>();
    private final List<ScriptedSession> sessions = new ArrayList<>();
    private int nextResult;
    private int nextSessionResult;
    private boolean closed;

    private ScriptedSandbox(Builder b) {
        this.capabilities = b.capabilities;
        this.results = List.copyOf(b.results);
        this.function = b.function;
        this.sessionResults = List.copyOf(b.sessionResults);
        this.sessionFunction = b.sessionFunction;
    }

    /** A sandbox that answers runs with these results, in order, and declares everything. */
    public static ScriptedSandbox of(ExecutionResult... results) {
        Builder b = builder();
        for (ExecutionResult r : results) {
            b.result(r);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Records {@code request}, then answers it from the script. */
    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        Objects.requireNonNull(request, "request");
        int run;
        synchronized (this) {
            checkOpen();
            requests.add(request);
            run = requests.size();
            capabilities.check(request, toString());
            if (nextResult < results.size()) {
                return results.get(nextResult++);
            }
        }
        if (function == null) {
            throw new SandboxException("ScriptedSandbox has no result for run " + run + "; it was given "
                    + results.size() + ". Add result(...) or respondWith(...) to its builder.");
        }
        return Objects.requireNonNull(function.apply(request), "the respondWith function returned null");
    }

    @Override
    public SandboxCapabilities capabilities() {
        return capabilities;
    }

    /** Opens a {@link ScriptedSession}, after checking {@code options} against the declared capabilities. */
    @Override
    public synchronized ScriptedSession openSession(SessionOptions options) {
        Objects.requireNonNull(options, "options");
        checkOpen();
        capabilities.check(options, toString());
        ScriptedSession session = new ScriptedSession(this, "scripted-session-" + (sessions.size() + 1), options);
        sessions.add(session);
        return session;
    }

    /** Same as {@link #openSession(SessionOptions)} with options built in place. */
    @Override
    public ScriptedSession openSession(Consumer<SessionOptions.Builder> options) {
        SessionOptions.Builder b = SessionOptions.builder();
        options.accept(b);
        return openSession(b.build());
    }

    /** Answers a session run; called by {@link ScriptedSession} after it recorded the request. */
    ExecutionResult answer(ScriptedSession session, SessionRequest request, int run) {
        synchronized (this) {
            checkOpen();
            if (nextSessionResult < sessionResults.size()) {
                return sessionResults.get(nextSessionResult++);
            }
        }
        if (sessionFunction == null) {
            throw new SandboxException("ScriptedSandbox has no result for run " + run + " of " + session.id()
                    + "; it was given " + sessionResults.size() + " session results. Add sessionResult(...) or "
                    + "sessionRespondWith(...) to its builder.");
        }
        return Objects.requireNonNull(
                sessionFunction.apply(session, request), "the sessionRespondWith function returned null");
    }

    /** Every one-shot request received so far, oldest first (a snapshot), refused ones included. */
    public synchronized List<ExecutionRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * The most recent one-shot request.
     *
     * @throws IllegalStateException when nothing was executed
     */
    public synchronized ExecutionRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("ScriptedSandbox was never asked to execute anything");
        }
        return requests.get(requests.size() - 1);
    }

    /** Every session opened so far, oldest first (a snapshot), closed ones included. */
    public synchronized List<ScriptedSession> sessions() {
        return List.copyOf(sessions);
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** Closes every open session; later calls throw {@link SandboxException}. Idempotent. */
    @Override
    public void close() {
        List<ScriptedSession> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(sessions);
        }
        open.forEach(ScriptedSession::close);
    }

    private void checkOpen() {
        if (closed) {
            throw new SandboxException("ScriptedSandbox is closed; build a new one for further runs.");
        }
    }

    @Override
    public String toString() {
        return "ScriptedSandbox" + capabilities.languages();
    }

    /**
     * Builder for {@link ScriptedSandbox}; not thread-safe. Default capabilities: every capability and every
     * language.
     */
    public static final class Builder {
        private SandboxCapabilities capabilities = SandboxCapabilities.builder()
                .allCapabilities()
                .languages(List.of(Language.values()))
                .build();
        private final List<ExecutionResult> results = new ArrayList<>();
        private Function<ExecutionRequest, ExecutionResult> function;
        private final List<ExecutionResult> sessionResults = new ArrayList<>();
        private BiFunction<ScriptedSession, SessionRequest, ExecutionResult> sessionFunction;

        private Builder() {}

        /** What the sandbox declares (and so which requests it accepts); it still enforces nothing. */
        public Builder capabilities(SandboxCapabilities capabilities) {
            this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
            return this;
        }

        /** The next one-shot run's result. */
        public Builder result(ExecutionResult result) {
            results.add(Objects.requireNonNull(result, "result"));
            return this;
        }

        /** The next one-shot run succeeds with {@code stdout}. */
        public Builder succeed(String stdout) {
            return result(new ExecutionResult.Succeeded(ExecutionOutput.of(stdout, "", Duration.ZERO)));
        }

        /** The next one-shot run fails with {@code exitCode} and {@code stderr}. */
        public Builder fail(int exitCode, String stderr) {
            return result(new ExecutionResult.Failed(exitCode, ExecutionOutput.of("", stderr, Duration.ZERO)));
        }

        /** Answers one-shot runs once the listed results are used up; called outside the sandbox's lock. */
        public Builder respondWith(Function<ExecutionRequest, ExecutionResult> function) {
            this.function = Objects.requireNonNull(function, "function");
            return this;
        }

        /** The next session run's result, in any session. */
        public Builder sessionResult(ExecutionResult result) {
            sessionResults.add(Objects.requireNonNull(result, "result"));
            return this;
        }

        /**
         * Answers session runs once the listed session results are used up, given the session (with its
         * history, files and resets: the state is the script's business) and the request.
         */
        public Builder sessionRespondWith(BiFunction<ScriptedSession, SessionRequest, ExecutionResult> function) {
            this.sessionFunction = Objects.requireNonNull(function, "function");
            return this;
        }

        public ScriptedSandbox build() {
            return new ScriptedSandbox(this);
        }
    }
}
