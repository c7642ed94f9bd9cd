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
 * @param node the Node.js runtime for JavaScript and TypeScript runs, or null when there is none
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
        NodeRuntime node,
        Path pythonSitePackages) {
    public SandboxLayout {
        extraReadOnly = List.copyOf(extraReadOnly);
        dropPrivileges = List.copyOf(dropPrivileges);
        javaReadOnly = List.copyOf(javaReadOnly);
        if (sandboxUidCount < 1) {
            throw new IllegalArgumentException("sandboxUidCount must be at least 1");
        }
    }

    /**
     * A builder for a layout with {@code tools} and {@code python}; by default no JDK, no extra trees, no seccomp
     * filter, privileges kept ({@code sandboxUid} -1, one uid), no Python environment and no Node.js.
     */
    public static Builder builder(HostTools tools, HostTools.PythonInstall python) {
        return new Builder(tools, python);
    }

    /** A builder holding this layout's values. */
    public Builder toBuilder() {
        return new Builder(tools, python)
                .javaHome(javaHome)
                .extraReadOnly(extraReadOnly)
                .seccompFile(seccompFile)
                .dropPrivileges(dropPrivileges)
                .sandboxUid(sandboxUid)
                .javaReadOnly(javaReadOnly)
                .sandboxUidCount(sandboxUidCount)
                .seccompNoMemfdFile(seccompNoMemfdFile)
                .pythonEnvironment(pythonEnvironment)
                .node(node)
                .pythonSitePackages(pythonSitePackages);
    }

    /** The trees a JavaScript or TypeScript run mounts read-only for Node.js (empty when /usr holds it). */
    public List<Path> nodeReadOnly() {
        return node == null || node.mount() == null ? List.of() : List.of(node.mount());
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

    /** Builder for {@link SandboxLayout}; not thread-safe. */
    public static final class Builder {
        private final HostTools tools;
        private final HostTools.PythonInstall python;
        private Path javaHome;
        private List<Path> extraReadOnly = List.of();
        private Path seccompFile;
        private List<String> dropPrivileges = List.of();
        private int sandboxUid = -1;
        private List<Path> javaReadOnly = List.of();
        private int sandboxUidCount = 1;
        private Path seccompNoMemfdFile;
        private Path pythonEnvironment;
        private NodeRuntime node;
        private Path pythonSitePackages;

        private Builder(HostTools tools, HostTools.PythonInstall python) {
            this.tools = tools;
            this.python = python;
        }

        public Builder javaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        public Builder extraReadOnly(List<Path> extraReadOnly) {
            this.extraReadOnly = extraReadOnly;
            return this;
        }

        /** The BPF program; also the one for runs without a cgroup unless {@link #seccompNoMemfdFile} is set. */
        public Builder seccompFile(Path seccompFile) {
            this.seccompFile = seccompFile;
            return this;
        }

        public Builder dropPrivileges(List<String> dropPrivileges) {
            this.dropPrivileges = dropPrivileges;
            return this;
        }

        public Builder sandboxUid(int sandboxUid) {
            this.sandboxUid = sandboxUid;
            return this;
        }

        public Builder javaReadOnly(List<Path> javaReadOnly) {
            this.javaReadOnly = javaReadOnly;
            return this;
        }

        public Builder sandboxUidCount(int sandboxUidCount) {
            this.sandboxUidCount = sandboxUidCount;
            return this;
        }

        public Builder seccompNoMemfdFile(Path seccompNoMemfdFile) {
            this.seccompNoMemfdFile = seccompNoMemfdFile;
            return this;
        }

        public Builder pythonEnvironment(Path pythonEnvironment) {
            this.pythonEnvironment = pythonEnvironment;
            return this;
        }

        public Builder node(NodeRuntime node) {
            this.node = node;
            return this;
        }

        public Builder pythonSitePackages(Path pythonSitePackages) {
            this.pythonSitePackages = pythonSitePackages;
            return this;
        }

        public SandboxLayout build() {
            return new SandboxLayout(
                    tools,
                    python,
                    javaHome,
                    extraReadOnly,
                    seccompFile,
                    dropPrivileges,
                    sandboxUid,
                    javaReadOnly,
                    sandboxUidCount,
                    seccompNoMemfdFile != null ? seccompNoMemfdFile : seccompFile,
                    pythonEnvironment,
                    node,
                    pythonSitePackages);
        }
    }
}
