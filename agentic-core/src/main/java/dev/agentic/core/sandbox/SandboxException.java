package dev.agentic.core.sandbox;

import dev.agentic.core.AgenticException;
import dev.agentic.core.annotation.Stable;

/**
 * The sandbox itself failed: it cannot start (isolation unavailable, interpreter missing), or its machinery
 * broke during a run. A program that fails, times out or is killed for a limit is an {@link ExecutionResult},
 * not this exception.
 */
@Stable
public class SandboxException extends AgenticException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public SandboxException(String message) {
        this(message, null, false);
    }

    public SandboxException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public SandboxException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
