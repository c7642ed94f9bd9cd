package dev.agentic.sandbox.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * What is fixed for the lifetime of one {@code LocalSandbox}: tools, interpreter trees, the seccomp filter
 * file and how privileges are dropped. Immutable and thread-safe.
 *
 * @param tools host programs
 * @param python the real Python installation
 * @param javaHome the JDK used for Java programs, or null when Java is unavailable
 * @param extraReadOnly trees every run mounts read-only at the same path besides {@code /usr} (the Python
 *     installation when outside {@code /usr}; Python also runs the egress forwarder)
 * @param seccompFile the BPF program bwrap loads
 * @param dropPrivileges command prefix run before bwrap (setpriv to an unprivileged uid when the JVM is
 *     root, empty otherwise)
 * @param sandboxUid uid that owns per-run files, or -1 to keep the JVM's uid
 * @param javaReadOnly trees only Java runs mount read-only (the JDK when outside {@code /usr}, and the
 *     {@code /etc} trees its symlinks point to); Python runs do without them
 * @param sandboxUidCount how many uids from {@code sandboxUid} on runs may use, one per live run (1: every run
 *     shares {@code sandboxUid})
 * @param seccompNoMemfdFile the BPF program for runs without a cgroup: also refuses memory-backed files
 * @param pythonEnvironment a host virtual environment mounted read-only at
 *     {@link BwrapCommand#PYTHON_ENV_INSIDE} in every run (its interpreter is then {@code python}'s executable),
 *     or null
 * @param pythonSitePackages a host site-packages directory mounted read-only over the {@code site-packages} of
 *     {@code pythonEnvironment} (which was made for it), or null
 */
public record SandboxLayout(
        HostTools tools,
        HostTools.PythonInstall python,
        Path javaHome,
        List<Path> extraReadOnly,
        Path seccompFile,
        List<String> dropPrivileges,
        int sandboxUid,
        List<Path> javaReadOnly,
        int sandboxUidCount,
        Path seccompNoMemfdFile,
        Path pythonEnvironment,
        Path pythonSitePackages) {
    public SandboxLayout {
        extraReadOnly = List.copyOf(extraReadOnly);
        dropPrivileges = List.copyOf(dropPrivileges);
        javaReadOnly = List.copyOf(javaReadOnly);
        if (sandboxUidCount < 1) {
            throw new IllegalArgumentException("sandboxUidCount must be at least 1");
        }
    }

    /** A layout with one sandbox uid and one seccomp filter. */
    public SandboxLayout(
            HostTools tools,
            HostTools.PythonInstall python,
            Path javaHome,
            List<Path> extraReadOnly,
            Path seccompFile,
            List<String> dropPrivileges,
            int sandboxUid,
            List<Path> javaReadOnly) {
        this(
                tools,
                python,
                javaHome,
                extraReadOnly,
                seccompFile,
                dropPrivileges,
                sandboxUid,
                javaReadOnly,
                1,
                seccompFile,
                null,
                null);
    }

    /** A layout without a Python environment. */
    public SandboxLayout(
            HostTools tools,
            HostTools.PythonInstall python,
            Path javaHome,
            List<Path> extraReadOnly,
            Path seccompFile,
            List<String> dropPrivileges,
            int sandboxUid,
            List<Path> javaReadOnly,
            int sandboxUidCount,
            Path seccompNoMemfdFile) {
        this(
                tools,
                python,
                javaHome,
                extraReadOnly,
                seccompFile,
                dropPrivileges,
                sandboxUid,
                javaReadOnly,
                sandboxUidCount,
                seccompNoMemfdFile,
                null,
                null);
    }

    /**
     * The command prefix that starts bubblewrap as {@code uid} (setpriv when the JVM is root), or empty when
     * privileges are not dropped.
     */
    public List<String> dropPrivileges(int uid) {
        if (dropPrivileges.isEmpty() || uid < 0) {
            return dropPrivileges;
        }
        return List.of(dropPrivileges.get(0), "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--");
    }

    /** A layout whose extra trees are mounted for every run. */
    public SandboxLayout(
            HostTools tools,
            HostTools.PythonInstall python,
            Path javaHome,
            List<Path> extraReadOnly,
            Path seccompFile,
            List<String> dropPrivileges,
            int sandboxUid) {
        this(tools, python, javaHome, extraReadOnly, seccompFile, dropPrivileges, sandboxUid, List.of());
    }
}
