package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import java.util.regex.Pattern;

/**
 * Maps how a run ended to an {@link ExecutionResult}. Stateless and thread-safe.
 *
 * <p>Order of precedence: killed by us for wall time ({@code TimedOut}); killed by us for output
 * ({@code Killed(9, OUTPUT)}); a limit the enforcing mechanism's own counters report (the run's cgroup: an OOM
 * kill, a refused fork; the run's meter: CPU time or sampled memory over the limit) on a run that did not exit 0
 * ({@code Killed(signal or 0, limit)}); exit 0 ({@code Succeeded}); exit 128+N ({@code Killed(N, UNKNOWN)});
 * any other exit ({@code Failed(code)}). An exit status or a message on stderr is never evidence of a limit:
 * the program chooses both (a program that prints {@code MemoryError} and calls {@code _exit(152)} is
 * {@code Killed(24, UNKNOWN)}, not a CPU or memory kill). {@link #runtimeMemoryNote} says, as a note, when a
 * runtime reported that an allocation was refused.
 */
public final class Outcome {
    static final int SIGKILL = 9;
    private static final Pattern MEMORY = Pattern.compile(
            "(^|\\n)MemoryError\\b[^\\n]*\\n?\\s*$|java\\.lang\\.OutOfMemoryError|Cannot allocate memory"
                    + "|pthread_create failed|Could not reserve enough space|insufficient memory for the Java Runtime"
                    + "|Failed to reserve memory|Could not allocate compressed class space"
                    // Node.js: V8's heap limit, and a Buffer or ArrayBuffer allocation the rlimit refused
                    + "|JavaScript heap out of memory|ERR_MEMORY_ALLOCATION_FAILED|Failed to reserve virtual memory");

    private Outcome() {}

    /** How the JVM ended a run, if it did. */
    public enum KilledBy {
        NOBODY,
        WALL_TIME,
        OUTPUT,
        /** The run's meter found a total over its limit and killed the run. */
        LIMIT
    }

    public static ExecutionResult map(int exitCode, KilledBy killedBy, ExecutionLimits limits, ExecutionOutput out) {
        return map(exitCode, killedBy, limits, out, null);
    }

    /**
     * Like {@link #map(int, KilledBy, ExecutionLimits, ExecutionOutput)}, with {@code evidence}: the limit the
     * enforcing mechanism's counters report (null for none).
     */
    public static ExecutionResult map(
            int exitCode, KilledBy killedBy, ExecutionLimits limits, ExecutionOutput out, Limit evidence) {
        switch (killedBy) {
            case WALL_TIME:
                return new ExecutionResult.TimedOut(limits.wallTime(), out);
            case OUTPUT:
                return new ExecutionResult.Killed(SIGKILL, Limit.OUTPUT, out);
            default:
                break;
        }
        int signal = exitCode > 128 && exitCode <= 128 + 64 ? exitCode - 128 : 0;
        if (evidence != null && (exitCode != 0 || killedBy == KilledBy.LIMIT)) {
            return new ExecutionResult.Killed(killedBy == KilledBy.LIMIT ? SIGKILL : signal, evidence, out);
        }
        if (exitCode == 0) {
            return new ExecutionResult.Succeeded(out);
        }
        if (signal > 0) {
            return new ExecutionResult.Killed(signal, Limit.UNKNOWN, out);
        }
        return new ExecutionResult.Failed(exitCode, out);
    }

    /**
     * A note for a failed run whose stderr ends with a runtime's out-of-memory report (Python's
     * {@code MemoryError}, the JVM's {@code OutOfMemoryError} or its native-memory abort, Node.js's heap or
     * allocation failures) while no counter
     * shows a limit: the per-process rlimit or the JVM heap refused an allocation. Null otherwise.
     */
    static String runtimeMemoryNote(int exitCode, String stderrTail, Limit evidence) {
        if (exitCode == 0 || evidence != null || !MEMORY.matcher(stderrTail).find()) {
            return null;
        }
        return "memory: the program's stderr reports an allocation refused (a per-process rlimit or the JVM heap "
                + "limit); the result is not attributed to the memory limit because no counter of an enforcing "
                + "mechanism shows it, and the program could have written that message itself";
    }
}
