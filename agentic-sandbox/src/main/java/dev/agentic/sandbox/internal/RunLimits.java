package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.Limit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How one run's limits are enforced, decided when it is launched: the run's own cgroup (v2 when a delegated
 * hierarchy exists, else v1 memory, pids and cpu/cpuacct children), or, without either, the fallback (memory-backed
 * files refused by the seccomp filter, tmpfs sizes, {@code RLIMIT_NPROC} counted per run, and a supervisor that
 * samples the run's memory and CPU time and kills it over the limit). It gives the launch its rlimits, its seccomp
 * filter and its cgroup's {@code cgroup.procs} files, and the run its meter and its notes. Owned by one run; not
 * thread-safe.
 */
final class RunLimits implements AutoCloseable {
    private final ExecutionLimits limits;
    private final Language language;
    private final RunGroup group;
    private final String fallbackReason;

    private RunLimits(ExecutionLimits limits, Language language, RunGroup group, String fallbackReason) {
        this.limits = limits;
        this.language = language;
        this.group = group;
        this.fallbackReason = fallbackReason;
    }

    /** Plans an isolated run: creates its cgroup when the host offers one ({@code notes} say when that fails). */
    static RunLimits plan(RunContext ctx, Language language, ExecutionLimits limits, List<String> notes) {
        RunGroup g = null;
        String reason;
        if (ctx.cgroup().usable()) {
            g = ctx.cgroup().createRun(limits, notes);
            reason = "this run's cgroup v2 could not be created";
        } else if (ctx.cgroupV1().usable()) {
            g = ctx.cgroupV1().createRun(limits, notes);
            reason = "this run's cgroup v1 could not be created";
        } else {
            reason = "cgroup v2: " + ctx.cgroup().reason() + "; cgroup v1: "
                    + ctx.cgroupV1().reason();
        }
        return new RunLimits(limits, language, g, g == null ? reason : null);
    }

    /** The run's cgroup, or null when the fallback enforces its limits. */
    RunGroup group() {
        return group;
    }

    /** The {@code cgroup.procs} files the launcher joins, empty in the fallback. */
    List<Path> procsFiles() {
        return group == null ? List.of() : group.procsFiles();
    }

    /** Whether the seccomp filter refuses memory-backed files (no cgroup charges them). */
    boolean denyMemfd() {
        return group == null;
    }

    /** RLIMIT_CPU per process: a backstop one second above the run's limit, which the meter enforces. */
    long cpuSeconds() {
        return BwrapCommand.cpuSeconds(limits) + 1;
    }

    /**
     * The memory rlimits, as {@link MemoryLimit#rlimits}: kept under a cgroup too, since address space that is
     * reserved but never touched (a zero-filled allocation) is not charged to the cgroup.
     */
    List<String> memoryRlimits() {
        return MemoryLimit.rlimits(language, limits.memoryBytes());
    }

    /** {@code prlimit} with soft = hard for every limit. */
    List<String> prlimit(Path prlimit) {
        List<String> cmd = new ArrayList<>();
        cmd.add(prlimit.toString());
        cmd.addAll(memoryRlimits());
        cmd.addAll(List.of(
                "--cpu=" + cpuSeconds(),
                "--nproc=" + limits.maxProcesses(),
                "--fsize=" + limits.maxFileSizeBytes(),
                "--nofile=" + limits.maxOpenFiles(),
                "--core=0",
                "--"));
        return cmd;
    }

    /** The limit the kernel's counters show was enforced (cgroup OOM kill, refused fork), or null. */
    Limit groupLimitHit() {
        return group == null ? null : group.limitHit();
    }

    /** Notes saying which mechanism enforced memory, CPU time and processes, and the worst case. */
    List<String> notes() {
        List<String> out = new ArrayList<>();
        String rlimitMem = MemoryLimit.note(language, limits.memoryBytes());
        String rlimits = "rlimits per process, soft = hard: " + rlimitMem + ", RLIMIT_CPU " + cpuSeconds()
                + " s (a backstop), RLIMIT_NPROC " + limits.maxProcesses() + " (counted per user namespace, so "
                + "for the whole run)";
        if (group != null) {
            out.addAll(group.notes(limits));
            out.add(rlimits);
            return out;
        }
        long worst = limits.memoryBytes() * limits.maxProcesses();
        out.add("memory: no cgroup (" + fallbackReason + "); enforced per process by " + rlimitMem + " and for the "
                + "whole run by this JVM's supervisor, which samples the resident memory (RssAnon + RssShmem) of every "
                + "process of the run every " + RunMeter.PROC_PERIOD_MILLIS + " ms and kills the run above "
                + limits.memoryBytes() + " bytes; memory-backed files (memfd_create) are refused by the seccomp "
                + "filter; tmpfs data is capped by the disk limit; worst case between two samples: "
                + limits.maxProcesses() + " processes × the per-process limit = " + worst + " bytes, plus tmpfs "
                + "inodes, which bubblewrap cannot cap (bounded only by the CPU-time limit)");
        out.add("cpu time: " + limits.cpuTime().toMillis() + " ms for the whole run, measured by this JVM's "
                + "supervisor from /proc every " + RunMeter.PROC_PERIOD_MILLIS + " ms (each process's time and its "
                + "reaped children's; children of a process that ignores SIGCHLD are not counted), which kills the run "
                + "when it is used up");
        out.add("processes: RLIMIT_NPROC " + limits.maxProcesses() + " for the whole run (the run has its own user "
                + "namespace, and the kernel counts the limit per user namespace)");
        out.add(rlimits);
        return out;
    }

    @Override
    public void close() {
        if (group != null) {
            group.close();
        }
    }
}
