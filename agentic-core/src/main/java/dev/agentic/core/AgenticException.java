package dev.agentic.core;

import dev.agentic.core.annotation.Stable;

/**
 * The one unchecked root of every exception the SDK throws.
 *
 * <p>Expected outcomes — code the validator rejects, a program that fails or times out — are results,
 * never exceptions. An {@code AgenticException} means something the caller has to act on: a model that
 * cannot be reached, a sandbox that cannot start, a store that cannot be written, a secret that cannot be
 * resolved, or a configuration mistake. Messages say what went wrong and what to do about it, and never
 * contain secret values.
 */
@Stable
public class AgenticException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AgenticException(String message) {
        super(message);
    }

    public AgenticException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether repeating the same operation later may succeed. False unless a subtype says otherwise. */
    public boolean retryable() {
        return false;
    }
}
