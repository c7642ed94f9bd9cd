package dev.agentic.sandbox.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads the host's process table under {@code /proc}. Stateless and thread-safe. */
public final class ProcTree {
    /** {@code PF_EXITING} in a task's flags: the task has begun to exit and runs no user code again. */
    private static final long PF_EXITING = 0x4;

    private ProcTree() {}

    /** Direct children of {@code pid} (all its threads), empty when it is gone. */
    public static List<Long> children(long pid) {
        List<Long> out = new ArrayList<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var s = Files.newDirectoryStream(tasks)) {
            for (Path t : s) {
                String text = read(t.resolve("children"));
                for (String part : text.trim().split("\\s+")) {
                    if (!part.isEmpty()) {
                        out.add(Long.parseLong(part));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    /** Whether {@code pid} exists and is not a zombie. */
    public static boolean running(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        if (stat.isEmpty()) {
            return false;
        }
        int close = stat.lastIndexOf(')');
        return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'Z' && stat.charAt(close + 2) != 'X';
    }

    /**
     * Whether thread {@code tid} can no longer run user code: it is gone, a zombie, or in the kernel's exit path
     * ({@code PF_EXITING} in the flags of {@code /proc/<tid>/stat}, set when {@code do_exit} begins).
     */
    static boolean exitingOrGone(long tid) {
        String stat = read(Path.of("/proc", Long.toString(tid), "stat"));
        int close = stat.lastIndexOf(')');
        if (stat.isEmpty() || close < 0 || close + 2 >= stat.length()) {
            return true;
        }
        char state = stat.charAt(close + 2);
        if (state == 'Z' || state == 'X') {
            return true;
        }
        // after ") ": state ppid pgrp session tty_nr tpgid flags
        String[] f = stat.substring(close + 2).split(" ", 8);
        try {
            return f.length > 6 && (Long.parseLong(f[6]) & PF_EXITING) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Pids of running processes whose command line contains {@code marker}. */
    public static List<Long> withCommandLineContaining(String marker) {
        return running(p -> read(p.resolve("cmdline")).replace('\0', ' ').contains(marker));
    }

    /**
     * SIGKILLs every process whose command line contains {@code marker} (a run's unique directory), and
     * returns how many. Used after bwrap itself was killed: a sandbox init forked during bwrap's set-up
     * has no parent-death signal yet and would otherwise wait forever for its dead parent.
     */
    public static int killCommandLinesContaining(String marker) {
        return kill(withCommandLineContaining(marker));
    }

    /**
     * SIGKILLs every host process in the pid namespace with inode {@code namespace} and returns how many.
     * Unlike a command line, a process cannot change which pid namespace it is in.
     */
    public static int killPidNamespace(long namespace) {
        String link = "pid:[" + namespace + "]";
        return kill(running(p -> link.equals(readLink(p.resolve("ns/pid")))));
    }

    /** Running processes other than this JVM whose {@code /proc/<pid>} directory matches. */
    private static List<Long> running(Predicate<Path> matches) {
        List<Long> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (var s = Files.newDirectoryStream(
                Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : s) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid != self && matches.test(p) && running(pid)) {
                    out.add(pid);
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static int kill(List<Long> pids) {
        int n = 0;
        for (long pid : pids) {
            if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                n++;
            }
        }
        return n;
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "";
        }
    }
}
