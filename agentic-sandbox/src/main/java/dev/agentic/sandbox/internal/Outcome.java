package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Maps how a run ended to an {@link ExecutionResult}. Stateless and thread-safe.
 *
 * <p>Order of precedence: killed by us for wall time ({@code TimedOut}); killed by us for output
 * ({@code Killed(9, OUTPUT)}); exit 0 ({@code Succeeded}); exit 128+N ({@code Killed(N, …)} with SIGXCPU, or
 * SIGKILL after about the CPU limit, attributed to CPU, SIGXFSZ to file size, any other signal after a
 * runtime's out-of-memory message to memory); a non-zero exit whose stderr ends with Python's
 * {@code MemoryError}, a {@code java.lang.OutOfMemoryError} or the JVM's "insufficient memory" report is
 * {@code Killed(0, MEMORY)} (rlimits make allocation fail rather than kill); any other exit is
 * {@code Failed(code)}.
 */
public final class Outcome {
    static final int SIGKILL = 9;
    static final int SIGXCPU = 24;
    static final int SIGXFSZ = 25;
    private static final Pattern MEMORY = Pattern.compile(
            "(^|\\n)MemoryError\\b[^\\n]*\\n?\\s*$|java\\.lang\\.OutOfMemoryError|Cannot allocate memory"
                    + "|pthread_create failed|Could not reserve enough space|insufficient memory for the Java Runtime"
                    + "|Failed to reserve memory|Could not allocate compressed class space");

    private Outcome() {}

    /** How the JVM ended a run, if it did. */
    public enum KilledBy {
        NOBODY,
        WALL_TIME,
        OUTPUT
    }

    public static ExecutionResult map(int exitCode, KilledBy killedBy, ExecutionLimits limits, ExecutionOutput out) {
        return map(exitCode, killedBy, limits, out, null);
    }

    /**
     * Like {@link #map(int, KilledBy, ExecutionLimits, ExecutionOutput)}, with the limit the run's cgroup
     * reported ({@code MEMORY} for an OOM kill, {@code PROCESSES} for a refused fork; null for none), which
     * decides a failed run's attribution before any heuristic.
     */
    public static ExecutionResult map(
            int exitCode, KilledBy killedBy, ExecutionLimits limits, ExecutionOutput out, Limit cgroupLimit) {
        switch (killedBy) {
            case WALL_TIME:
                return new ExecutionResult.TimedOut(limits.wallTime(), out);
            case OUTPUT:
                return new ExecutionResult.Killed(SIGKILL, Limit.OUTPUT, out);
            default:
                break;
        }
        if (exitCode == 0) {
            return new ExecutionResult.Succeeded(out);
        }
        if (cgroupLimit != null) {
            int signal = exitCode > 128 && exitCode <= 128 + 64 ? exitCode - 128 : 0;
            return new ExecutionResult.Killed(signal, cgroupLimit, out);
        }
        if (exitCode > 128 && exitCode <= 128 + 64) {
            int signal = exitCode - 128;
            return new ExecutionResult.Killed(signal, attribute(signal, limits, out), out);
        }
        String tail = out.stderrTail(2000);
        if (MEMORY.matcher(tail).find()) {
            return new ExecutionResult.Killed(0, Limit.MEMORY, out);
        }
        return new ExecutionResult.Failed(exitCode, out);
    }

    private static Limit attribute(int signal, ExecutionLimits limits, ExecutionOutput out) {
        if (signal == SIGXCPU) {
            return Limit.CPU_TIME;
        }
        if (signal == SIGXFSZ) {
            return Limit.FILE_SIZE;
        }
        if (signal == SIGKILL) {
            // RLIMIT_CPU with soft = hard sends SIGKILL once the CPU time is used; the wall time bounds it.
            Duration wall = out.duration();
            int cores = Runtime.getRuntime().availableProcessors();
            if (wall.multipliedBy(cores)
                            .compareTo(limits.cpuTime().multipliedBy(95).dividedBy(100))
                    >= 0) {
                return Limit.CPU_TIME;
            }
        }
        // a runtime that cannot get memory aborts (the JVM: SIGABRT after "insufficient memory") or crashes
        if (MEMORY.matcher(out.stderrTail(2000)).find()) {
            return Limit.MEMORY;
        }
        return Limit.UNKNOWN;
    }
}
