package dev.agentic.web.internal;

import dev.agentic.core.AgenticException;
import dev.agentic.core.annotation.Internal;

/** A request the server refuses, with the HTTP status to answer and a message that says what to do. */
@Internal
final class Refusal extends AgenticException {
    private static final long serialVersionUID = 1L;

    private final int status;

    Refusal(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
