package dev.agentic.core.sandbox;

import dev.agentic.core.Language;
import dev.agentic.core.annotation.Experimental;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stateful interpreter in a sandbox: variables, imports and files of one run are visible to the next, until
 * {@link #reset()} or {@link #close()}. Opened by {@link Sandbox#openSession(SessionOptions)}, which fixed its
 * language, per-run limits, network policy, environment and secrets.
 *
 * <p>A run's outcome is an {@link ExecutionResult} as for one-shot runs; when the last statement of the code
 * is an expression, implementations that can report it put its text form in {@link ExecutionOutput#value()}.
 * After a {@link ExecutionResult.TimedOut} or {@link ExecutionResult.Killed} run the implementation may have
 * ended the interpreter to stop the program: {@link #isAlive()} says whether the session can run more.
 *
 * <p>Thread-safe: calls may come from any thread, and a session runs one of them at a time. The caller that
 * opened the session closes it; {@link #close()} ends a run in progress. A session also ends on its own after
 * {@link SessionOptions#idleTimeout()} without calls, or when its sandbox closes. Every call but
 * {@link #id()}, {@link #language()}, {@link #isAlive()} and {@link #close()} throws {@link SandboxException}
 * on a session that has ended.
 */
@Experimental
public interface SandboxSession extends AutoCloseable {

    /** An identifier of this session, unique within its sandbox, for logs and records. */
    String id();

    /** The language of every run in this session. */
    Language language();

    /**
     * Runs {@code request} in this session's interpreter, with the state earlier runs left.
     *
     * @throws UnsupportedCapabilityException when the code's language is not the session's
     * @throws SandboxException when the session has ended or the sandbox cannot run it
     */
    ExecutionResult execute(SessionRequest request);

    /** Discards all interpreter state (variables, imports, working-directory files); the session stays open. */
    void reset();

    /** Writes {@code file} into the session's working directory, replacing a file of the same name. */
    void writeFile(InputFile file);

    /**
     * The regular files of the working directory that match {@code glob} (as for
     * {@link ExecutionRequest#outputGlobs()}), within the session's {@link ExecutionLimits#maxOutputFiles()}
     * and {@link ExecutionLimits#maxFileSizeBytes()}.
     */
    List<OutputFile> collectFiles(String glob);

    /** The file at {@code path} in the working directory, if it exists and is a regular file. */
    default Optional<OutputFile> readFile(String path) {
        Objects.requireNonNull(path, "path");
        String glob = path.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
        return collectFiles(glob).stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** Whether the session can still run code: not closed, not expired, its interpreter not lost. */
    boolean isAlive();

    /** Ends the session and its interpreter, ending a run in progress. Idempotent. */
    @Override
    void close();
}
