package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.SandboxException;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts every sandbox process from one dedicated, long-lived thread. bubblewrap's {@code --die-with-parent}
 * uses {@code PR_SET_PDEATHSIG}, which fires when the <em>thread</em> that forked it exits; spawning from a
 * pool thread that may retire would kill healthy runs. The thread lives until {@link #close()}.
 * Thread-safe.
 */
public final class Spawner implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "agentic-sandbox-spawner");
        t.setDaemon(true);
        return t;
    });

    /** Starts {@code builder} on the spawner thread and returns the process. */
    public Process start(ProcessBuilder builder) throws IOException {
        Future<Process> f;
        try {
            f = thread.submit(builder::start);
        } catch (RejectedExecutionException e) {
            throw new SandboxException("The sandbox is closed; create a new LocalSandbox.", e);
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new SandboxException("Could not start the sandbox process: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(false);
            throw new SandboxException("Interrupted while starting the sandbox process", e);
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
