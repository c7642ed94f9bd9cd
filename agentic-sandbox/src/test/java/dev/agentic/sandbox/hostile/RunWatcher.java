package dev.agentic.sandbox.hostile;

import dev.agentic.sandbox.internal.ProcTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Host-side measurement of one run, independent of the sandbox's own accounting: every few milliseconds it
 * finds the run's processes (bwrap, whose command line names the scratch root, and everything below it) and
 * records the peak of their summed resident memory (RssAnon + RssShmem), each process's own CPU time (the sum
 * of each one's highest sample is the run's CPU time, short of the last few milliseconds of each), and the peaks
 * of the host's {@code Shmem} and {@code Slab} in {@code /proc/meminfo} above their level before the run.
 */
final class RunWatcher implements AutoCloseable {
    private static final long TICK_NANOS = 10_000_000L;

    private final String marker;
    private final long shmemBase = meminfo("Shmem:");
    private final long slabBase = meminfo("Slab:");
    private final Map<Long, Long> cpuTicks = new HashMap<>();
    private final Thread thread;
    private volatile boolean stop;
    private volatile long peakResident;
    private volatile long peakShmem;
    private volatile long peakSlab;
    private volatile int samples;

    private RunWatcher(String marker) {
        this.marker = marker;
        this.thread = new Thread(this::loop, "run-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching runs whose bwrap command line contains {@code marker} (the scratch root). */
    static RunWatcher start(Path scratchRoot) {
        return new RunWatcher(scratchRoot.toString());
    }

    private void loop() {
        while (!stop) {
            long resident = 0;
            Set<Long> counted = new HashSet<>();
            for (long root : ProcTree.withCommandLineContaining(marker)) {
                for (long pid : tree(root)) {
                    if (!counted.add(pid)) {
                        continue; // bwrap's sandbox init carries the same command line as bwrap
                    }
                    resident += rss(pid);
                    long t = ownCpuTicks(pid);
                    synchronized (cpuTicks) {
                        cpuTicks.merge(pid, t, Math::max);
                    }
                }
            }
            peakResident = Math.max(peakResident, resident);
            peakShmem = Math.max(peakShmem, meminfo("Shmem:") - shmemBase);
            peakSlab = Math.max(peakSlab, meminfo("Slab:") - slabBase);
            samples++;
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long peakResidentBytes() {
        return peakResident;
    }

    long peakShmemGrowthBytes() {
        return peakShmem;
    }

    long peakSlabGrowthBytes() {
        return peakSlab;
    }

    /** CPU time of every process seen, summed, in nanoseconds. */
    long cpuNanos() {
        synchronized (cpuTicks) {
            return cpuTicks.values().stream().mapToLong(Long::longValue).sum() * TICK_NANOS;
        }
    }

    int samples() {
        return samples;
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(5_000);
    }

    private static List<Long> tree(long root) {
        Deque<Long> todo = new ArrayDeque<>(List.of(root));
        Set<Long> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            long pid = todo.poll();
            if (seen.add(pid)) {
                todo.addAll(ProcTree.children(pid));
            }
        }
        return List.copyOf(seen);
    }

    private static long rss(long pid) {
        long kb = 0;
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("RssAnon:") || line.startsWith("RssShmem:")) {
                kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kb * 1024;
    }

    private static long ownCpuTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        String[] f = stat.substring(close + 2).split(" ");
        return f.length < 13 ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long meminfo(String key) {
        for (String line : read(Path.of("/proc/meminfo")).split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
