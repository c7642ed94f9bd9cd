package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.Limit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cgroup v1 children of one run, one per hierarchy: memory ({@code memory.limit_in_bytes} and, when swap
 * is accounted, {@code memory.memsw.limit_in_bytes}, both the run's memory limit; on current kernels both also
 * charge kernel memory such as inodes, dentries and page tables), pids ({@code pids.max}), and when mounted cpu
 * (a one-CPU {@code cpu.cfs_quota_us}) and cpuacct ({@code cpuacct.usage}, the run's CPU time). The launcher
 * writes its own pid to every {@link #procsFiles()} before it execs bubblewrap. There is no
 * {@code cgroup.kill} in v1: {@link #kill()} sends SIGKILL to every listed pid until none is left.
 * Not thread-safe except {@link #kill()}, {@link #cpuNanos()} and {@link #limitHit()}; owned by one run.
 */
final class RunCgroupV1 implements RunGroup {
    private static final long REMOVE_MILLIS = 10_000;

    private final List<Path> dirs = new ArrayList<>();
    private Path memory;
    private Path pids;
    private Path cpu;
    private Path cpuacct;
    private boolean memsw;

    private RunCgroupV1() {}

    static RunCgroupV1 create(CgroupV1 parents, String name, ExecutionLimits limits) throws IOException {
        RunCgroupV1 g = new RunCgroupV1();
        try {
            g.memory = g.mkdir(parents.memory().resolve(name));
            write(g.memory, "memory.limit_in_bytes", Long.toString(limits.memoryBytes()));
            if (Files.exists(g.memory.resolve("memory.memsw.limit_in_bytes"))) {
                write(g.memory, "memory.memsw.limit_in_bytes", Long.toString(limits.memoryBytes()));
                g.memsw = true;
            }
            g.pids = g.mkdir(parents.pids().resolve(name));
            write(g.pids, "pids.max", Long.toString((long) limits.maxProcesses() + RunCgroup.EXTRA_TASKS));
            if (parents.cpu() != null) {
                g.cpu = g.mkdir(parents.cpu().resolve(name));
                write(g.cpu, "cpu.cfs_period_us", "100000");
                write(g.cpu, "cpu.cfs_quota_us", "100000");
            }
            if (parents.cpuacct() != null) {
                g.cpuacct = parents.cpuacct().equals(parents.cpu())
                        ? g.cpu
                        : g.mkdir(parents.cpuacct().resolve(name));
            }
            return g;
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
    }

    private Path mkdir(Path dir) throws IOException {
        Files.createDirectory(dir);
        dirs.add(dir);
        return dir;
    }

    private static void write(Path dir, String file, String value) throws IOException {
        Files.writeString(dir.resolve(file), value);
    }

    @Override
    public List<Path> procsFiles() {
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            out.add(d.resolve("cgroup.procs"));
        }
        return out;
    }

    /** {@code cpuacct.usage} in nanoseconds, or -1 without the cpuacct hierarchy. */
    @Override
    public long cpuNanos() {
        if (cpuacct == null) {
            return -1;
        }
        return readLong(cpuacct.resolve("cpuacct.usage"));
    }

    @Override
    public long peakMemoryBytes() {
        long mem = readLong(memory.resolve("memory.max_usage_in_bytes"));
        return memsw ? Math.max(mem, readLong(memory.resolve("memory.memsw.max_usage_in_bytes"))) : mem;
    }

    /**
     * {@code MEMORY} when the memory cgroup's OOM killer killed a process ({@code oom_kill} in
     * {@code memory.oom_control}), {@code PROCESSES} when a fork hit {@code pids.max} ({@code max} in
     * {@code pids.events}); null otherwise.
     */
    @Override
    public Limit limitHit() {
        if (RunCgroup.counter(memory, "memory.oom_control", "oom_kill") > 0) {
            return Limit.MEMORY;
        }
        if (RunCgroup.counter(pids, "pids.events", "max") > 0) {
            return Limit.PROCESSES;
        }
        return null;
    }

    /** How often the memory limit was reached (the kernel then reclaimed, refused or OOM-killed). */
    long memoryFailures() {
        return Math.max(readLong(memory.resolve("memory.failcnt")), 0);
    }

    @Override
    public List<String> notes(ExecutionLimits l) {
        return List.of(
                "memory: cgroup v1 memory.limit_in_bytes " + l.memoryBytes() + " bytes"
                        + (memsw ? " and memory.memsw.limit_in_bytes " + l.memoryBytes() + " bytes (no swap)" : "")
                        + " for the whole run (every process, tmpfs and shared memory, memory-backed files, kernel "
                        + "memory such as inodes and dentries)",
                "cpu time: " + l.cpuTime().toMillis() + " ms for the whole run, "
                        + (cpuacct != null
                                ? "measured from cgroup v1 cpuacct.usage"
                                : "measured by sampling the run's processes")
                        + " by this JVM, which kills the run when it is used up"
                        + (cpu != null ? "; cgroup v1 cpu.cfs_quota_us of one CPU" : ""),
                "processes: cgroup v1 pids.max " + (l.maxProcesses() + RunCgroup.EXTRA_TASKS) + " tasks (the "
                        + "program's " + l.maxProcesses() + " plus bwrap and the sandbox init)",
                "cgroups: the run is in cgroup v1 "
                        + String.join(", ", dirs.stream().map(Path::toString).toList())
                        + " from before bwrap starts; killed pid by pid and removed after the run");
    }

    @Override
    public void kill() {
        for (int round = 0; round < 20; round++) {
            boolean any = false;
            for (Path d : dirs) {
                List<String> listed;
                try {
                    listed = Files.readAllLines(d.resolve("cgroup.procs"), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue;
                }
                for (String pid : listed) {
                    if (!pid.isBlank()) {
                        any = true;
                        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            }
            if (!any) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        kill();
        long until = System.nanoTime() + REMOVE_MILLIS * 1_000_000;
        List<Path> left = new ArrayList<>(dirs);
        while (!left.isEmpty()) {
            left.removeIf(RunCgroupV1::tryRemove);
            if (left.isEmpty() || System.nanoTime() > until) {
                return;
            }
            kill();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether {@code dir} is gone (removed now or before); false while dying processes keep it busy. */
    private static boolean tryRemove(Path dir) {
        try {
            Files.delete(dir);
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long readLong(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
