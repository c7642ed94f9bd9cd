package dev.agentic.core;

import dev.agentic.core.annotation.Experimental;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A workflow run started with {@link Orchestrator#runAsync}: its id, its result to come, and a way to cancel it.
 *
 * <p>{@link #cancel()} stops the run as {@link CancellationToken} describes; {@link #result()} then completes
 * normally with a result of status {@link WorkflowStatus#CANCELLED} once the run has stored its record.
 * (Cancelling the future itself only detaches the caller from it; it does not stop the run.) Thread-safe.
 */
@Experimental
public final class WorkflowHandle {
    private final RunId runId;
    private final CancellationToken cancellation;
    private final CompletableFuture<WorkflowResult> result;

    /**
     * @param runId the run's id
     * @param cancellation the token the run observes
     * @param result completes with the run's result, or exceptionally with what the run threw
     */
    public WorkflowHandle(RunId runId, CancellationToken cancellation, CompletableFuture<WorkflowResult> result) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.cancellation = Objects.requireNonNull(cancellation, "cancellation");
        this.result = Objects.requireNonNull(result, "result");
    }

    public RunId runId() {
        return runId;
    }

    /** Completes with the run's result; exceptionally with the {@link AgenticException} the run threw. */
    public CompletableFuture<WorkflowResult> result() {
        return result;
    }

    /**
     * Asks the run to stop.
     *
     * @return true when this call requested cancellation of a run that had not finished
     */
    public boolean cancel() {
        return !result.isDone() && cancellation.cancel();
    }

    /** Whether the run has ended (in any way). */
    public boolean isDone() {
        return result.isDone();
    }

    /**
     * Waits for the run's result.
     *
     * @throws AgenticException what the run threw
     */
    public WorkflowResult join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        return "WorkflowHandle[" + runId + (result.isDone() ? ", done" : ", running") + "]";
    }
}
