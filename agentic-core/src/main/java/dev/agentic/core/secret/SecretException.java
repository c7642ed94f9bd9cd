package dev.agentic.core.secret;

import dev.agentic.core.AgenticException;
import dev.agentic.core.annotation.Stable;

/** A secret could not be resolved. The message names the secret, never its value. */
@Stable
public class SecretException extends AgenticException {
    private static final long serialVersionUID = 1L;

    public SecretException(String message) {
        super(message);
    }

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
