package dev.agentic.core.sandbox;

import dev.agentic.core.annotation.Stable;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a program in isolation with limits. The security boundary of the SDK.
 *
 * <p>{@link #capabilities()} says what the sandbox enforces and which languages it runs. A request that
 * needs more — allowed hosts without {@link SandboxCapability#HOST_ALLOWLIST}, secrets without
 * {@link SandboxCapability#SECRETS}, a memory limit other than the default without
 * {@link SandboxCapability#MEMORY_LIMIT}, files without {@link SandboxCapability#INPUT_FILES} or
 * {@link SandboxCapability#OUTPUT_FILES}, another language — is refused with an
 * {@link UnsupportedCapabilityException} before anything runs; the default executor checks with
 * {@link SandboxCapabilities#check(ExecutionRequest, String)}, which also defines which limits count as
 * requested. Implementations declare only what the program cannot get around, and say in their Javadoc how
 * each capability is enforced (for memory: address space, resident set or a cgroup).
 *
 * <p>Implementations are thread-safe: many runs may execute at once from many threads, each isolated from
 * the others. The caller owns a sandbox and closes it; {@link #close()} kills every run still in progress,
 * ends every open session and releases what the sandbox holds. A failed, timed-out or killed program is an
 * {@link ExecutionResult}; {@link SandboxException} is thrown only when the sandbox itself cannot do its job.
 * {@code toString()} names the sandbox and its configuration, for error messages.
 */
@Stable
public interface Sandbox extends AutoCloseable {

    /**
     * Runs {@code request} to completion (or to its wall-time limit) and returns its outcome.
     *
     * @throws SandboxException when the sandbox cannot run the program at all
     */
    ExecutionResult execute(ExecutionRequest request);

    /** What this sandbox enforces and which languages it runs; the same value for the sandbox's lifetime. */
    SandboxCapabilities capabilities();

    /**
     * What programs find inside this sandbox (runtimes, importable third-party modules), for telling a model;
     * empty when the sandbox does not say. May be worked out on first call (and then kept), so it can take as
     * long as one short run.
     *
     * @throws SandboxException when the sandbox cannot find out
     */
    default Optional<SandboxEnvironment> environment() {
        return Optional.empty();
    }

    /**
     * Opens a stateful session whose runs share interpreter state. Only sandboxes that declare
     * {@link SandboxCapability#SESSIONS} open sessions; this default refuses.
     *
     * @throws UnsupportedCapabilityException when this sandbox has no sessions, or cannot honour {@code options}
     * @throws SandboxException when the session cannot be started
     */
    default SandboxSession openSession(SessionOptions options) {
        Objects.requireNonNull(options, "options");
        throw new UnsupportedCapabilityException(
                this + " does not offer stateful sessions (no SESSIONS in its "
                        + "capabilities()); call execute() for one-shot runs, or use a sandbox that declares SESSIONS.",
                Set.of(SandboxCapability.SESSIONS));
    }

    /** Same as {@link #openSession(SessionOptions)} with options built in place. */
    default SandboxSession openSession(Consumer<SessionOptions.Builder> options) {
        SessionOptions.Builder b = SessionOptions.builder();
        options.accept(b);
        return openSession(b.build());
    }

    /** Kills all runs in progress, ends open sessions and releases resources. Idempotent. */
    @Override
    void close();
}
