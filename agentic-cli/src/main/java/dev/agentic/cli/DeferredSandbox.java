package dev.agentic.cli;

import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A sandbox created on first use, so that {@code agentic exec} validates a program before the sandbox has to
 * start: a rejected program is reported as rejected even where the sandbox could not start. Thread-safe;
 * closing closes the sandbox if it was created.
 */
final class DeferredSandbox implements Sandbox {
    private final Supplier<Sandbox> factory;
    private Sandbox sandbox;
    private boolean closed;
    private boolean attempted;

    DeferredSandbox(Supplier<Sandbox> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    private synchronized Sandbox sandbox() {
        if (closed) {
            throw new IllegalStateException("sandbox already closed");
        }
        if (sandbox == null) {
            attempted = true;
            sandbox = factory.get();
        }
        return sandbox;
    }

    /** Whether creating the sandbox was tried, successfully or not. */
    synchronized boolean attempted() {
        return attempted;
    }

    /** Whether the sandbox has been created. */
    synchronized boolean started() {
        return sandbox != null;
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        return sandbox().execute(request);
    }

    @Override
    public SandboxCapabilities capabilities() {
        return sandbox().capabilities();
    }

    @Override
    public SandboxSession openSession(SessionOptions options) {
        return sandbox().openSession(options);
    }

    /** The sandbox's own description once created (error messages name it), else a placeholder. */
    @Override
    public synchronized String toString() {
        return sandbox != null ? sandbox.toString() : "sandbox (not started)";
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
