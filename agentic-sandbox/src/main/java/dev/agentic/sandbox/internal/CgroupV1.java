package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.ExecutionLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether runs can be placed in cgroup v1 children, decided once when a {@code LocalSandbox} starts: for each of
 * the {@code memory}, {@code pids}, {@code cpu} and {@code cpuacct} controllers, the JVM's own cgroup in that
 * controller's v1 hierarchy (from {@code /proc/self/cgroup} and the {@code cgroup} mounts in
 * {@code /proc/self/mountinfo}), if this JVM can create directories in it. {@code memory} and {@code pids} are
 * required; {@code cpu} (one-CPU quota) and {@code cpuacct} (the run's CPU time) are used when present.
 * Detection never fails: when something is missing the result is unusable with a reason. Per-run cgroups are
 * named {@code agentic-run-<jvm pid>-<n>}; those left by a JVM that is gone are removed here. Immutable and
 * thread-safe.
 *
 * @param memory parent directory in the memory hierarchy, or null when unusable
 * @param pids parent directory in the pids hierarchy
 * @param cpu parent directory in the cpu hierarchy, or null
 * @param cpuacct parent directory in the cpuacct hierarchy, or null
 * @param reason why cgroup v1 is not used (null when usable)
 */
public record CgroupV1(Path memory, Path pids, Path cpu, Path cpuacct, String reason) {
    private static final AtomicLong RUNS = new AtomicLong();
    private static final Pattern RUN_NAME = Pattern.compile("agentic-run-(\\d+)-\\d+");

    /** Whether runs get their own v1 cgroups. */
    public boolean usable() {
        return memory != null;
    }

    /** Detects on this host. */
    public static CgroupV1 detect() {
        return detect(Path.of("/proc/self/cgroup"), Path.of("/proc/self/mountinfo"));
    }

    /** Detects from the given {@code /proc/self/cgroup} and {@code mountinfo} files (tests pass fakes). */
    static CgroupV1 detect(Path procSelfCgroup, Path mountinfo) {
        Map<String, String> own = new HashMap<>();
        Map<String, String[]> mounts = new HashMap<>();
        try {
            for (String line : Files.readAllLines(procSelfCgroup, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", 3);
                if (f.length == 3 && !f[1].isEmpty()) {
                    for (String c : f[1].split(",")) {
                        own.put(c, f[2]);
                    }
                }
            }
            for (String line : Files.readAllLines(mountinfo, StandardCharsets.UTF_8)) {
                int dash = line.indexOf(" - ");
                if (dash < 0 || !line.substring(dash + 3).startsWith("cgroup ")) {
                    continue;
                }
                String[] f = line.substring(0, dash).split(" ");
                String[] tail = line.substring(dash + 3).split(" ");
                String superOptions = tail.length > 2 ? tail[2] : "";
                for (String opt : superOptions.split(",")) {
                    mounts.put(opt, new String[] {f[3], f[4]});
                }
            }
        } catch (IOException e) {
            return unusable("cannot read " + procSelfCgroup + " or " + mountinfo + " (" + e.getMessage() + ")");
        }
        Path memory = parent("memory", own, mounts);
        Path pids = parent("pids", own, mounts);
        if (memory == null || pids == null) {
            return unusable("no writable cgroup v1 memory and pids hierarchies (memory: "
                    + (memory == null ? "missing or read-only" : memory) + ", pids: "
                    + (pids == null ? "missing or read-only" : pids) + ")");
        }
        if (!Files.exists(memory.resolve("memory.limit_in_bytes"))) {
            return unusable(memory + " has no memory.limit_in_bytes");
        }
        Path cpu = parent("cpu", own, mounts);
        Path cpuacct = parent("cpuacct", own, mounts);
        CgroupV1 g = new CgroupV1(memory, pids, cpu, cpuacct, null);
        g.removeStale();
        return g;
    }

    /** The JVM's own cgroup directory in {@code controller}'s hierarchy, when mounted and writable. */
    private static Path parent(String controller, Map<String, String> own, Map<String, String[]> mounts) {
        String[] m = mounts.get(controller);
        String path = own.get(controller);
        if (m == null || path == null) {
            return null;
        }
        String root = Cgroup.unescape(m[0]);
        if (!path.startsWith(root)) {
            return null;
        }
        String rel = path.substring(root.length()).replaceAll("^/+", "");
        Path mount = Path.of(Cgroup.unescape(m[1]));
        Path dir = rel.isEmpty() ? mount : mount.resolve(rel);
        return Files.isDirectory(dir) && Files.isWritable(dir) && Files.isWritable(dir.resolve("cgroup.procs"))
                ? dir
                : null;
    }

    /** Removes empty run cgroups whose JVM is gone (a JVM that was killed before it could remove them). */
    private void removeStale() {
        for (Path base : new Path[] {memory, pids, cpu, cpuacct}) {
            if (base == null) {
                continue;
            }
            try (var s = Files.newDirectoryStream(base, "agentic-run-*")) {
                for (Path d : s) {
                    Matcher m = RUN_NAME.matcher(d.getFileName().toString());
                    if (m.matches()
                            && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                        try {
                            Files.delete(d);
                        } catch (IOException e) {
                            // still holds processes: left for the kernel's accounting
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // best effort
            }
        }
    }

    /** Creates the cgroups of one run; returns null (with a note in {@code notes}) when that fails. */
    RunGroup createRun(ExecutionLimits limits, List<String> notes) {
        String name = "agentic-run-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        try {
            return RunCgroupV1.create(this, name, limits);
        } catch (IOException e) {
            notes.add("cgroups: could not create the run's cgroup v1 " + name + " (" + e.getMessage()
                    + "); this run relies on the fallback limits");
            return null;
        }
    }

    private static CgroupV1 unusable(String reason) {
        return new CgroupV1(null, null, null, null, reason);
    }

    @Override
    public String toString() {
        return usable()
                ? "CgroupV1[memory " + memory + ", pids " + pids + ", cpu " + cpu + ", cpuacct " + cpuacct + "]"
                : "CgroupV1[unusable: " + reason + "]";
    }
}
