package dev.agentic.cli.demo;

import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxEnvironment;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * The network of a stand-in code interpreter: a {@link Sandbox} that runs every program and opens every session
 * of {@code sandbox} with one fixed {@link NetworkPolicy}, whatever the request says — as an AgentCore code
 * interpreter resource's network mode applies to every run in it. Behind the fake AgentCore it lets programs
 * reach the demo's local API (and nothing else), standing in for an interpreter in PUBLIC mode.
 *
 * <p>Thread-safe as {@code sandbox} is. Does not own {@code sandbox}: {@link #close()} does nothing.
 */
@Internal
public final class InterpreterNetwork implements Sandbox {
    private final Sandbox sandbox;
    private final NetworkPolicy network;

    public InterpreterNetwork(Sandbox sandbox, NetworkPolicy network) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.network = Objects.requireNonNull(network, "network");
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        return sandbox.execute(request.toBuilder().network(network).build());
    }

    @Override
    public SandboxSession openSession(SessionOptions options) {
        return sandbox.openSession(options.toBuilder().network(network).build());
    }

    @Override
    public SandboxCapabilities capabilities() {
        return sandbox.capabilities();
    }

    @Override
    public Optional<SandboxEnvironment> environment() {
        return sandbox.environment();
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return sandbox + " with the interpreter's network " + network.allowedHosts();
    }
}
