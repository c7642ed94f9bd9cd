package dev.agentic.core;

import dev.agentic.core.annotation.Experimental;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Lets a caller stop a workflow run from another thread. Pass one in a {@link WorkflowRequest} (or use the
 * {@link WorkflowHandle} that {@link Orchestrator#runAsync} returns, which holds one) and call {@link #cancel()}.
 *
 * <p>What a cancelled run does, in the SDK's orchestrators: a model call in progress is abandoned (its answer,
 * if one still comes, is ignored), a sandbox run in progress is killed, no further attempt starts, and the run
 * ends with status {@link WorkflowStatus#CANCELLED} — its record is stored like any other. A run that already
 * ended is not affected.
 *
 * <p>Thread-safe. One token may be shared by several runs, to cancel them together. Holds no resources.
 */
@Experimental
public final class CancellationToken {
    private final List<Runnable> callbacks = new ArrayList<>();
    private boolean cancelled;

    /** A token that is not cancelled. */
    public static CancellationToken create() {
        return new CancellationToken();
    }

    private CancellationToken() {}

    /**
     * Requests cancellation; runs every registered callback once, on this thread.
     *
     * @return true when this call cancelled the token, false when it was already cancelled
     */
    public boolean cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return false;
            }
            cancelled = true;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        RuntimeException first = null;
        for (Runnable r : toRun) {
            try {
                r.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return true;
    }

    /** Whether {@link #cancel()} was called. */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs {@code callback} on cancellation — at once, on this thread, when the token is already cancelled.
     *
     * @return a registration whose {@code close()} removes the callback (idempotent)
     */
    public Registration onCancel(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        synchronized (this) {
            if (!cancelled) {
                callbacks.add(callback);
                return () -> {
                    synchronized (CancellationToken.this) {
                        callbacks.remove(callback);
                    }
                };
            }
        }
        callback.run();
        return () -> {};
    }

    @Override
    public synchronized String toString() {
        return "CancellationToken[" + (cancelled ? "cancelled" : "active") + "]";
    }

    /** A registered callback; closing it removes the callback. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
