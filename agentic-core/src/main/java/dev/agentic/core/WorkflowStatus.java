package dev.agentic.core;

import dev.agentic.core.annotation.Stable;

/** How a workflow ended. */
@Stable
public enum WorkflowStatus {
    /** An attempt's program ran and succeeded. */
    SUCCEEDED,
    /** Every attempt was used up without a successful run. */
    FAILED,
    /** The workflow stopped on an error of the model, sandbox, store or secrets (the exception is rethrown). */
    ERROR,
    /** The caller cancelled the run ({@link CancellationToken#cancel()}); the record is stored all the same. */
    CANCELLED
}
