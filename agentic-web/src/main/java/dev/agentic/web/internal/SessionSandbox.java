package dev.agentic.web.internal;

import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxEnvironment;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.SessionRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Sandbox} whose every run goes to one {@link SandboxSession}, so the SDK's executor and orchestrator
 * run a tab's programs in that tab's interpreter. A request must carry the network, environment and secrets the
 * session was opened with (they are fixed for a session); its wall time becomes the run's timeout, its input
 * files are written into the session and its output globs collected after the run.
 *
 * <p>Thread-safe as its session is. Does not own the session: {@link #close()} does nothing.
 */
@Internal
final class SessionSandbox implements Sandbox {
    private final Sandbox sandbox;
    private final SandboxSession session;
    private final SessionOptions options;

    SessionSandbox(Sandbox sandbox, SandboxSession session, SessionOptions options) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.session = Objects.requireNonNull(session, "session");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        if (!request.network().equals(options.network())
                || !request.secrets().equals(options.secrets())
                || !request.environment().equals(options.environment())) {
            throw new SandboxException("session " + session.id() + " was opened with other network, environment or "
                    + "secrets than this run asks for; open a new session for different settings.");
        }
        request.inputFiles().forEach(session::writeFile);
        ExecutionResult result = session.execute(SessionRequest.builder()
                .code(request.code())
                .timeout(request.limits().wallTime())
                .build());
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

    @Override
    public SandboxCapabilities capabilities() {
        return sandbox.capabilities();
    }

    @Override
    public Optional<SandboxEnvironment> environment() {
        return sandbox.environment();
    }

    /** The session's files matching {@code glob}. */
    List<OutputFile> files(String glob) {
        return session.collectFiles(glob);
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "session " + session.id() + " of " + sandbox;
    }
}
