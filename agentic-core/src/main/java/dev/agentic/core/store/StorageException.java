package dev.agentic.core.store;

import dev.agentic.core.AgenticException;
import dev.agentic.core.annotation.Stable;

/** An artifact store could not read or write. The message names the key and the store. */
@Stable
public class StorageException extends AgenticException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public StorageException(String message) {
        this(message, null, false);
    }

    public StorageException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public StorageException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    @Override
    public boolean retryable() {
        return retryable;
    }
}
