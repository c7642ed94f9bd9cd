package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.Limit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cgroup v2 child of one run: created with {@code memory.max}, {@code memory.swap.max} 0, {@code pids.max}
 * and (when available) {@code cpu.max}; the launcher shell writes its own pid to {@link #procs()} before it
 * execs bubblewrap, so every process of the run starts inside. {@link #kill()} uses {@code cgroup.kill};
 * {@link #limitHit()} reads {@code memory.events} and {@code pids.events}; {@link #close()} kills what is
 * left and removes the directory. Not thread-safe except {@link #kill()}; owned by one run.
 */
final class RunCgroup implements RunGroup {
    /** Tasks of the run outside the program's own count: the outer bwrap and the sandbox's init. */
    static final int EXTRA_TASKS = 2;
    /** cpu.max: one full CPU per period. */
    static final String ONE_CPU = "100000 100000";

    private static final long REMOVE_MILLIS = 2_000;

    private final Path dir;
    private final List<String> written = new ArrayList<>();
    private boolean swapLimited;
    private boolean cpuLimited;

    private RunCgroup(Path dir) {
        this.dir = dir;
    }

    static RunCgroup create(Path dir, ExecutionLimits limits, boolean cpu) throws IOException {
        Files.createDirectory(dir);
        RunCgroup g = new RunCgroup(dir);
        try {
            g.write("memory.max", Long.toString(limits.memoryBytes()));
            try {
                g.write("memory.swap.max", "0");
                g.swapLimited = true;
            } catch (IOException e) {
                // no swap accounting on this kernel: no swap file to limit
            }
            g.write("pids.max", Long.toString((long) limits.maxProcesses() + EXTRA_TASKS));
            if (cpu) {
                g.write("cpu.max", ONE_CPU);
                g.cpuLimited = true;
            }
            return g;
        } catch (IOException e) {
            g.close();
            throw e;
        }
    }

    Path path() {
        return dir;
    }

    /** The file the launcher writes its pid to. */
    Path procs() {
        return dir.resolve("cgroup.procs");
    }

    @Override
    public List<Path> procsFiles() {
        return List.of(procs());
    }

    /** {@code usage_usec} of {@code cpu.stat} (kept by the cgroup core even without the cpu controller). */
    @Override
    public long cpuNanos() {
        long usec = counter("cpu.stat", "usage_usec");
        return usec < 0 ? -1 : usec * 1000;
    }

    /** {@code memory.peak} (Linux 5.19+), else -1. */
    @Override
    public long peakMemoryBytes() {
        try {
            return Long.parseLong(Files.readString(dir.resolve("memory.peak")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public List<String> notes(ExecutionLimits l) {
        return List.of(
                "memory: cgroup v2 memory.max " + l.memoryBytes() + " bytes for the whole run (every process, tmpfs "
                        + "and shared memory, memory-backed files, kernel memory such as inodes)"
                        + (swapLimited ? ", memory.swap.max 0" : ", no swap accounting"),
                "cpu time: " + l.cpuTime().toMillis() + " ms for the whole run, measured from cpu.stat usage_usec "
                        + "by this JVM, which kills the run when it is used up"
                        + (cpuLimited ? "; cgroup v2 cpu.max of one CPU" : ""),
                "processes: cgroup v2 pids.max " + (l.maxProcesses() + EXTRA_TASKS) + " tasks (the program's "
                        + l.maxProcesses() + " plus bwrap and the sandbox init)",
                "cgroups: the run is in " + dir + " from before bwrap starts; killed with cgroup.kill and removed "
                        + "after the run");
    }

    boolean swapLimited() {
        return swapLimited;
    }

    boolean cpuLimited() {
        return cpuLimited;
    }

    /**
     * Kills every process in the cgroup: {@code cgroup.kill} (Linux 5.14+), else SIGKILL to each pid listed in
     * {@code cgroup.procs}, a few rounds. Best effort; safe to call more than once and from any thread.
     */
    @Override
    public void kill() {
        try {
            Files.writeString(dir.resolve("cgroup.kill"), "1");
            return;
        } catch (IOException e) {
            // older kernel without cgroup.kill
        }
        for (int round = 0; round < 5; round++) {
            List<String> pids;
            try {
                pids = Files.readAllLines(procs(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return;
            }
            if (pids.isEmpty()) {
                return;
            }
            for (String pid : pids) {
                ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /**
     * The limit the kernel enforced in this cgroup, if any: {@code MEMORY} when the OOM killer killed a
     * process ({@code oom_kill} in {@code memory.events}), {@code PROCESSES} when a fork hit {@code pids.max}
     * ({@code max} in {@code pids.events}); null otherwise.
     */
    @Override
    public Limit limitHit() {
        if (counter("memory.events", "oom_kill") > 0) {
            return Limit.MEMORY;
        }
        if (counter("pids.events", "max") > 0) {
            return Limit.PROCESSES;
        }
        return null;
    }

    /** Kills what is left and removes the directory, waiting briefly for dying processes to leave it. */
    @Override
    public void close() {
        kill();
        long until = System.nanoTime() + REMOVE_MILLIS * 1_000_000;
        while (true) {
            try {
                Files.delete(dir);
                return;
            } catch (NoSuchFileException e) {
                return;
            } catch (DirectoryNotEmptyException e) {
                // a plain directory (never a cgroupfs, whose interface files vanish with rmdir): drop our files
                List<String> ours = new ArrayList<>(written);
                ours.addAll(List.of("cgroup.kill", "cgroup.procs"));
                for (String name : ours) {
                    try {
                        Files.deleteIfExists(dir.resolve(name));
                    } catch (IOException ignored) {
                        // a cgroupfs refuses; rmdir below decides
                    }
                }
            } catch (IOException e) {
                // EBUSY while killed processes are still exiting
            }
            if (System.nanoTime() > until) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(String file, String value) throws IOException {
        Files.writeString(dir.resolve(file), value);
        written.add(file);
    }

    private long counter(String file, String key) {
        return counter(dir, file, key);
    }

    /** The value of {@code key} in a flat-keyed cgroup file, 0 when absent, -1 when unreadable. */
    static long counter(Path dir, String file, String key) {
        try {
            for (String line : Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8)) {
                String[] kv = line.trim().split("\\s+");
                if (kv.length == 2 && kv[0].equals(key)) {
                    return Long.parseLong(kv[1]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return 0;
    }
}
