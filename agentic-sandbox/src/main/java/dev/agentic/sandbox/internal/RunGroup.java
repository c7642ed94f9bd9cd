package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.Limit;
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

    /** Kills what is left and removes the group's directories. */
    @Override
    void close();
}
