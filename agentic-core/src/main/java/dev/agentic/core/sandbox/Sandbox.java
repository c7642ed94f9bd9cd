package dev.agentic.core.sandbox;

import dev.agentic.core.Language;
import java.util.Set;

/**
 * Runs a program in isolation with limits. The security boundary of the SDK.
 *
 * <p>Implementations are thread-safe: many runs may execute at once from many threads, each isolated from
 * the others. The caller owns a sandbox and closes it; {@link #close()} kills every run still in progress
 * and releases what the sandbox holds. A failed, timed-out or killed program is an {@link ExecutionResult};
 * {@link SandboxException} is thrown only when the sandbox itself cannot do its job.
 */
public interface Sandbox extends AutoCloseable {

    /**
     * Runs {@code request} to completion (or to its wall-time limit) and returns its outcome.
     *
     * @throws SandboxException when the sandbox cannot run the program at all
     */
    ExecutionResult execute(ExecutionRequest request);

    /** Languages this sandbox can run. */
    Set<Language> languages();

    /**
     * Opens a stateful session whose runs share interpreter state, where the sandbox supports it.
     *
     * @throws SandboxException when this sandbox has no sessions; check {@link #supportsSessions()}
     */
    default SandboxSession openSession(Language language) {
        throw new SandboxException(getClass().getSimpleName() + " does not offer stateful sessions; "
                + "call execute() for one-shot runs, or use a sandbox whose supportsSessions() is true.");
    }

    /** Whether {@link #openSession} is available. */
    default boolean supportsSessions() {
        return false;
    }

    /** Kills all runs in progress and releases resources. Idempotent. */
    @Override
    void close();
}
