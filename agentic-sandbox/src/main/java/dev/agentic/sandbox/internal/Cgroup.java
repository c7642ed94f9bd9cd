package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.ExecutionLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether runs can be placed in cgroup v2 children of a delegated cgroup, decided once when a
 * {@code LocalSandbox} starts. A directory is usable only when it is writable, its {@code cgroup.controllers}
 * list {@code memory} and {@code pids}, and its {@code cgroup.subtree_control} has (or accepts) both; {@code cpu}
 * is used when also available. Without a configured parent the JVM's own cgroup (from {@code /proc/self/cgroup}
 * and the cgroup2 mount in {@code /proc/self/mountinfo}) is the candidate. Detection never fails: when
 * something is missing the result is unusable with a reason, and runs rely on rlimits alone.
 * Immutable and thread-safe.
 *
 * @param base the parent directory of per-run cgroups, or null when cgroups are not used
 * @param cpu whether {@code cpu.max} can be set
 * @param reason why cgroups are not used (null when usable)
 */
public record Cgroup(Path base, boolean cpu, String reason) {
    private static final AtomicLong RUNS = new AtomicLong();

    /** Whether runs get their own cgroup. */
    public boolean usable() {
        return base != null;
    }

    /** Detects on this host; {@code configuredParent} may be null. */
    public static Cgroup detect(Path configuredParent) {
        return detect(Path.of("/proc/self/cgroup"), Path.of("/proc/self/mountinfo"), configuredParent);
    }

    /** Detects from the given {@code /proc/self/cgroup} and {@code mountinfo} files (tests pass fakes). */
    static Cgroup detect(Path procSelfCgroup, Path mountinfo, Path configuredParent) {
        if (configuredParent != null) {
            return check(configuredParent);
        }
        String own = null;
        Path mount = null;
        String mountRoot = "/";
        try {
            for (String line : Files.readAllLines(procSelfCgroup, StandardCharsets.UTF_8)) {
                if (line.startsWith("0::")) {
                    own = line.substring(3);
                }
            }
            for (String line : Files.readAllLines(mountinfo, StandardCharsets.UTF_8)) {
                int dash = line.indexOf(" - ");
                if (dash > 0 && line.substring(dash + 3).startsWith("cgroup2 ")) {
                    String[] f = line.substring(0, dash).split(" ");
                    mountRoot = unescape(f[3]);
                    mount = Path.of(unescape(f[4]));
                    break;
                }
            }
        } catch (IOException e) {
            return unusable("cannot read " + procSelfCgroup + " or " + mountinfo + " (" + e.getMessage() + ")");
        }
        if (mount == null) {
            return unusable("no cgroup v2 file system is mounted (cgroup v1 only)");
        }
        if (own == null) {
            return unusable("this JVM is not in a cgroup v2 hierarchy (no 0:: line in " + procSelfCgroup + ")");
        }
        if (!own.startsWith(mountRoot)) {
            return unusable("this JVM's cgroup " + own + " is outside the cgroup v2 mount at " + mount);
        }
        String rel = own.substring(mountRoot.length()).replaceAll("^/+", "");
        return check(rel.isEmpty() ? mount : mount.resolve(rel));
    }

    /** Checks one candidate directory, enabling memory, pids (and cpu) for its children when needed. */
    static Cgroup check(Path dir) {
        Set<String> available;
        try {
            available = words(dir.resolve("cgroup.controllers"));
        } catch (IOException e) {
            return unusable(dir + " is not a cgroup v2 directory (no readable cgroup.controllers)");
        }
        if (!available.containsAll(List.of("memory", "pids"))) {
            return unusable("the cgroup v2 directory " + dir + " offers controllers " + available
                    + ", not both memory and pids (no delegation)");
        }
        if (!Files.isWritable(dir) || !Files.isWritable(dir.resolve("cgroup.subtree_control"))) {
            return unusable("the cgroup v2 directory " + dir + " is not writable by this JVM (not delegated)");
        }
        boolean cpu = available.contains("cpu");
        Path subtree = dir.resolve("cgroup.subtree_control");
        try {
            Set<String> enabled = words(subtree);
            StringBuilder missing = new StringBuilder();
            for (String c : cpu ? List.of("memory", "pids", "cpu") : List.of("memory", "pids")) {
                if (!enabled.contains(c)) {
                    missing.append(missing.length() == 0 ? "" : " ").append('+').append(c);
                }
            }
            if (missing.length() > 0) {
                Files.writeString(subtree, missing.toString());
                enabled = words(subtree);
            }
            if (!enabled.containsAll(List.of("memory", "pids"))) {
                return unusable("enabling memory and pids in " + subtree + " did not take effect");
            }
            cpu = cpu && enabled.contains("cpu");
        } catch (IOException e) {
            return unusable("cannot enable memory and pids in " + subtree + " (" + e.getMessage()
                    + "; a cgroup holding processes cannot delegate; give LocalSandbox.builder().cgroupParent(dir) "
                    + "an empty delegated cgroup)");
        }
        return new Cgroup(dir, cpu, null);
    }

    /** Creates the cgroup of one run; returns null (with a note in {@code notes}) when that fails. */
    RunCgroup createRun(ExecutionLimits limits, List<String> notes) {
        Path dir = base.resolve("agentic-run-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet());
        try {
            return RunCgroup.create(dir, limits, cpu);
        } catch (IOException e) {
            notes.add("cgroups: could not create " + dir + " (" + e.getMessage() + "); this run relies on rlimits "
                    + "alone");
            return null;
        }
    }

    private static Cgroup unusable(String reason) {
        return new Cgroup(null, false, reason);
    }

    private static Set<String> words(Path file) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String w : Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w.startsWith("+") ? w.substring(1) : w);
            }
        }
        return out;
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\'
                    && i + 3 < s.length()
                    && s.substring(i + 1, i + 4).chars().allMatch(Character::isDigit)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return usable() ? "Cgroup[" + base + (cpu ? ", cpu" : "") + "]" : "Cgroup[unusable: " + reason + "]";
    }
}
