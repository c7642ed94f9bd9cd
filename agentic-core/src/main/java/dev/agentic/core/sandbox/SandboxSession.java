package dev.agentic.core.sandbox;

/**
 * A stateful sequence of runs in one interpreter: variables defined by one run are visible to the next.
 * Not thread-safe: run one request at a time. The caller closes it; closing ends the interpreter.
 */
public interface SandboxSession extends AutoCloseable {

    /** Runs {@code request} in this session's interpreter. */
    ExecutionResult execute(ExecutionRequest request);

    /** Ends the session and its interpreter. Idempotent. */
    @Override
    void close();
}
