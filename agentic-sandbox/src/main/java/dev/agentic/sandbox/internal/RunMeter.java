package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.Limit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The supervisor of one run's totals: every few milliseconds it measures the CPU time of all the run's
 * processes together (from the run's cgroup, else by summing {@code /proc/<pid>/stat} over the process tree
 * below bubblewrap, reaped children included) and, when no cgroup limits memory, the run's resident memory
 * ({@code RssAnon} plus {@code RssShmem} of every process); it kills the run when either goes over the
 * request's limit. Its measurements, and the run cgroup's own counters, are the only evidence a result's
 * {@code Killed} limit is taken from. Thread-safe: sampled on the context's meter thread, read by the run.
 */
final class RunMeter {
    /** Sampling period with cgroup counters (one file read per sample). */
    static final long CGROUP_PERIOD_MILLIS = 20;
    /** Sampling period when the process tree is walked. */
    static final long PROC_PERIOD_MILLIS = 50;
    /** USER_HZ: the unit of the times in {@code /proc/<pid>/stat}. */
    private static final long TICK_NANOS = 10_000_000L;

    private final ExecutionLimits limits;
    private final RunGroup group;
    private final long rootPid;
    private final boolean measureMemory;
    private final Runnable killer;
    /** Whether the run's cgroup counts its CPU time (else the process tree is walked). */
    private final boolean cgroupCpu;

    private final long cpuBaseline;
    private volatile long cpuNanos;
    private volatile long peakMemory;
    private volatile Limit over;
    private volatile ScheduledFuture<?> task;

    private RunMeter(ExecutionLimits limits, RunGroup group, long rootPid, boolean measureMemory, Runnable killer) {
        this.limits = limits;
        this.group = group;
        this.rootPid = rootPid;
        this.measureMemory = measureMemory;
        this.killer = killer;
        long groupCpu = group == null ? -1 : group.cpuNanos();
        this.cgroupCpu = groupCpu >= 0;
        this.cpuBaseline = cgroupCpu ? groupCpu : Math.max(0, walk()[0]);
    }

    /**
     * Starts measuring the run whose bubblewrap has pid {@code rootPid}; {@code killer} ends the run when a
     * total goes over its limit (called at most once, from the meter thread).
     */
    static RunMeter start(
            ScheduledExecutorService scheduler, ExecutionLimits limits, RunGroup group, long rootPid, Runnable killer) {
        RunMeter m = new RunMeter(limits, group, rootPid, group == null, killer);
        long period = m.cgroupCpu ? CGROUP_PERIOD_MILLIS : PROC_PERIOD_MILLIS;
        m.task = scheduler.scheduleAtFixedRate(m::sample, period, period, TimeUnit.MILLISECONDS);
        return m;
    }

    /** Stops sampling and takes a last measurement (the cgroup's counters still hold the ended processes). */
    void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
        if (cgroupCpu) {
            cpuNanos = Math.max(cpuNanos, group.cpuNanos() - cpuBaseline);
        }
    }

    /** CPU time of the whole run measured so far. */
    long cpuNanos() {
        return cpuNanos;
    }

    /** Highest resident memory of the run seen by sampling (-1 when a cgroup measures memory instead). */
    long peakMemoryBytes() {
        return measureMemory ? peakMemory : -1;
    }

    /** Whether CPU time comes from a cgroup counter (exact) rather than sampling. */
    boolean cpuFromCgroup() {
        return cgroupCpu;
    }

    /**
     * The limit this meter measured going over: {@code CPU_TIME} when the run's CPU time reached the limit (a
     * sample, or the cgroup counter after the run), {@code MEMORY} when sampled memory went over; else null.
     */
    Limit limitHit() {
        if (over != null) {
            return over;
        }
        return cpuNanos >= limits.cpuTime().toNanos() ? Limit.CPU_TIME : null;
    }

    private void sample() {
        try {
            long cpu;
            if (cgroupCpu) {
                cpu = group.cpuNanos();
            } else {
                long[] totals = walk();
                cpu = totals[0];
                if (measureMemory) {
                    peakMemory = Math.max(peakMemory, totals[1]);
                }
            }
            cpuNanos = Math.max(cpuNanos, cpu - cpuBaseline);
            if (over == null) {
                if (cpuNanos >= limits.cpuTime().toNanos()) {
                    over = Limit.CPU_TIME;
                } else if (measureMemory && peakMemory > limits.memoryBytes()) {
                    over = Limit.MEMORY;
                }
                if (over != null) {
                    ScheduledFuture<?> t = task;
                    if (t != null) {
                        t.cancel(false);
                    }
                    killer.run();
                }
            }
        } catch (RuntimeException e) {
            // a process vanished between listing and reading: the next sample sees the new tree
        }
    }

    /** {CPU nanoseconds, resident bytes} summed over the process tree below the root. */
    private long[] walk() {
        long cpu = 0;
        long mem = 0;
        Deque<Long> todo = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        todo.add(rootPid);
        while (!todo.isEmpty()) {
            long pid = todo.poll();
            if (!seen.add(pid) || seen.size() > 4096) {
                continue;
            }
            cpu += cpuTicks(pid) * TICK_NANOS;
            if (measureMemory) {
                mem += residentBytes(pid);
            }
            todo.addAll(ProcTree.children(pid));
        }
        return new long[] {cpu, mem};
    }

    /** utime + stime + cutime + cstime of {@code pid} (its own and its reaped children's), in ticks. */
    static long cpuTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        String[] f = stat.substring(close + 2).split(" ");
        if (f.length < 15) {
            return 0;
        }
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /** RssAnon + RssShmem of {@code pid}: the memory it holds that no file on disk backs. */
    static long residentBytes(long pid) {
        long kb = 0;
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("RssAnon:") || line.startsWith("RssShmem:")) {
                kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kb * 1024;
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
