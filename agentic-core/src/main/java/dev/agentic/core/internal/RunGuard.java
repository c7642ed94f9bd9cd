package dev.agentic.core.internal;

import dev.agentic.core.CancellationToken;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Carries out one run's cancellation. A run without a {@link CancellationToken} pays nothing: every step runs
 * directly on the run's thread. With a token, a model call runs on its own daemon thread so that cancelling
 * abandons it at once (the call is interrupted, and its answer, should one still come, is dropped); a
 * sandbox run runs on the run's thread, which cancelling interrupts — the sandbox kills the program on
 * interrupt. Used by one run; {@link #cancel} may come from any thread.
 */
final class RunGuard {
    private final CancellationToken token;
    private final CancellationToken.Registration registration;
    private Thread interruptible;

    RunGuard(Optional<CancellationToken> token) {
        this.token = token.orElse(null);
        this.registration = this.token == null ? () -> {} : this.token.onCancel(this::interruptStep);
    }

    /** Stops listening to the token (a token may outlive the run, or serve several). */
    void close() {
        registration.close();
    }

    /** Whether the run was cancelled. */
    boolean cancelled() {
        return token != null && token.isCancelled();
    }

    /** @throws RunCancelled when the run was cancelled */
    void checkpoint() {
        if (cancelled()) {
            throw new RunCancelled();
        }
    }

    /**
     * Calls a model step; with a token, on a thread of its own that cancellation abandons.
     *
     * @throws RunCancelled when the run was cancelled before or during the call
     */
    <T> T modelCall(Supplier<T> call, String threadName) {
        checkpoint();
        if (token == null) {
            return call.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread caller = new Thread(
                () -> {
                    try {
                        result.complete(call.get());
                    } catch (RuntimeException | Error e) {
                        result.completeExceptionally(e);
                    }
                },
                threadName);
        caller.setDaemon(true);
        CancellationToken.Registration abandon = token.onCancel(() -> {
            result.cancel(false);
            caller.interrupt();
        });
        caller.start();
        try {
            T value = result.get();
            checkpoint();
            return value;
        } catch (InterruptedException e) {
            caller.interrupt();
            Thread.currentThread().interrupt();
            throw new RunCancelled();
        } catch (CancellationException e) {
            throw new RunCancelled();
        } catch (ExecutionException e) {
            if (cancelled()) {
                throw new RunCancelled();
            }
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw (Error) cause;
        } finally {
            abandon.close();
        }
    }

    /**
     * Runs a step on this thread that cancellation interrupts (a sandbox run). The interrupt is consumed
     * before this returns or throws, so it cannot leak into the steps after it (storing the record).
     *
     * @throws RunCancelled when the run was cancelled before or during the step
     */
    <T> T interruptibleStep(Supplier<T> step) {
        checkpoint();
        if (token == null) {
            return step.get();
        }
        synchronized (this) {
            interruptible = Thread.currentThread();
        }
        try {
            T value = step.get();
            checkpoint();
            return value;
        } catch (RuntimeException e) {
            if (cancelled()) {
                throw new RunCancelled();
            }
            throw e;
        } finally {
            synchronized (this) {
                interruptible = null;
                if (cancelled()) {
                    Thread.interrupted();
                }
            }
        }
    }

    private synchronized void interruptStep() {
        if (interruptible != null) {
            interruptible.interrupt();
        }
    }

    /** Thrown inside a run when it was cancelled; the run turns it into a CANCELLED result. */
    static final class RunCancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunCancelled() {
            super("the run was cancelled", null, false, false);
        }
    }
}
