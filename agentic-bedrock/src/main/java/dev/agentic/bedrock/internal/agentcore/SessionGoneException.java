package dev.agentic.bedrock.internal.agentcore;

import dev.agentic.core.sandbox.SandboxException;

/** The service says the session has expired, was stopped or never existed; a new session can replace it. */
public final class SessionGoneException extends SandboxException {
    private static final long serialVersionUID = 1L;

    public SessionGoneException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
