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
 * @param extraReadOnly trees mounted read-only at the same path besides {@code /usr}
 * @param seccompFile the BPF program bwrap loads
 * @param dropPrivileges command prefix run before bwrap (setpriv to an unprivileged uid when the JVM is
 *     root, empty otherwise)
 * @param sandboxUid uid that owns per-run files, or -1 to keep the JVM's uid
 */
public record SandboxLayout(HostTools tools, HostTools.PythonInstall python, Path javaHome,
                            List<Path> extraReadOnly, Path seccompFile, List<String> dropPrivileges,
                            int sandboxUid) {
    public SandboxLayout {
        extraReadOnly = List.copyOf(extraReadOnly);
        dropPrivileges = List.copyOf(dropPrivileges);
    }
}
