package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.Limit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's accounting group of one run (a cgroup v2 child, or cgroup v1 children in the memory, pids and cpu
 * hierarchies): the launcher joins it before bubblewrap starts, so every process of the run is inside it and
 * counted together. Owned by one run; {@link #kill()}, {@link #cpuNanos()} and {@link #limitHit()} may be
 * called from the run's meter thread.
 */
interface RunGroup extends AutoCloseable {
    /** The {@code cgroup.procs} files the launcher writes its own pid to, in order. */
    List<Path> procsFiles();

    /** Kills every process in the group; best effort, safe to repeat, any thread. */
    void kill();

    /** CPU time used by every process of the run so far (living and ended), or -1 when not accounted. */
    long cpuNanos();

    /** The highest memory use the kernel recorded for the run, or -1 when it records none. */
    long peakMemoryBytes();

    /**
     * The limit the kernel enforced, read from the group's own counters: {@code MEMORY} when its OOM killer
     * killed a process of the run, {@code PROCESSES} when a fork was refused; null otherwise.
     */
    Limit limitHit();

    /** Notes for the result saying which limit this group enforced, and how. */
    List<String> notes(ExecutionLimits limits);

    /**
     * Whether no task of the group can run user code any more: every thread the kernel lists for it
     * ({@code tasks} in v1, {@code cgroup.threads} in v2, beside the first {@link #procsFiles()} file) is gone,
     * a zombie or already in the kernel's exit path. False when the list cannot be read.
     */
    default boolean quiescent() {
        Path dir = procsFiles().get(0).getParent();
        Path tasks = dir.resolve("tasks");
        try {
            for (String line : Files.readAllLines(Files.exists(tasks) ? tasks : dir.resolve("cgroup.threads"))) {
                if (!line.isBlank() && !ProcTree.exitingOrGone(Long.parseLong(line.strip()))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Kills what is left and removes the group's directories. */
    @Override
    void close();
}
