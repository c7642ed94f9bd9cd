package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.SandboxException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds the host programs the sandbox needs (bwrap, prlimit, setpriv, sh) and the real interpreter trees
 * (Python installation, JDK home), and checks once that bubblewrap can create user namespaces here.
 * Immutable after {@link #discover}; thread-safe.
 */
public final class HostTools {
    private static final List<Path> BIN_DIRS = List.of(
            Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/local/bin"), Path.of("/usr/sbin"), Path.of("/sbin"));

    private final Path bwrap;
    private final Path prlimit;
    private final Path setpriv;
    private final Path shell;

    private HostTools(Path bwrap, Path prlimit, Path setpriv, Path shell) {
        this.bwrap = bwrap;
        this.prlimit = prlimit;
        this.setpriv = setpriv;
        this.shell = shell;
    }

    /**
     * Finds the tools; with {@code requireBwrap}, fails when bubblewrap is missing.
     *
     * @throws SandboxException saying what to install
     */
    public static HostTools discover(boolean requireBwrap) {
        return discover(requireBwrap, HostTools::find);
    }

    static HostTools discover(boolean requireBwrap, Function<String, Optional<Path>> finder) {
        Path bwrap = finder.apply("bwrap").orElse(null);
        if (requireBwrap && bwrap == null) {
            throw new SandboxException("bubblewrap (bwrap) is not installed, so LocalSandbox cannot isolate programs. "
                    + "Install it (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap; "
                    + "Arch: pacman -S bubblewrap) and try again.");
        }
        Path prlimit = finder.apply("prlimit").orElse(null);
        if (requireBwrap && prlimit == null) {
            throw new SandboxException("prlimit (util-linux) is not installed; LocalSandbox needs it to set "
                    + "resource limits. Install util-linux (apt-get install util-linux).");
        }
        Path shell = Path.of("/bin/sh");
        return new HostTools(bwrap, prlimit, finder.apply("setpriv").orElse(null), shell);
    }

    public Path bwrap() {
        return bwrap;
    }

    /** {@code prlimit}, or null when missing (only allowed without isolation). */
    public Path prlimit() {
        return prlimit;
    }

    /** {@code setpriv}, or null when missing. */
    public Path setpriv() {
        return setpriv;
    }

    public Path shell() {
        return shell;
    }

    /**
     * Runs a trivial bwrap with the sandbox's namespace flags once.
     *
     * @throws SandboxException with the fix when user namespaces cannot be created
     */
    public void checkUserNamespaces(List<String> dropPrivileges) {
        List<String> cmd = new ArrayList<>(dropPrivileges);
        cmd.addAll(List.of(
                bwrap.toString(),
                "--unshare-all",
                "--unshare-user",
                "--disable-userns",
                "--cap-drop",
                "ALL",
                "--die-with-parent",
                "--new-session",
                "--clearenv",
                "--ro-bind",
                "/usr",
                "/usr",
                "--symlink",
                "usr/lib",
                "/lib",
                "--symlink",
                "usr/lib64",
                "/lib64",
                "--symlink",
                "usr/bin",
                "/bin",
                "--proc",
                "/proc",
                "--dev",
                "/dev",
                "--",
                "/bin/sh",
                "-c",
                "exit 0"));
        String error;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            Process p = pb.start();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SandboxException("bubblewrap did not finish a trivial start-up check within 20 s; "
                        + "check the host's load and that " + bwrap + " works: " + bwrap + " --version");
            }
            if (p.exitValue() == 0) {
                return;
            }
            error = new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            error = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted during the bubblewrap start-up check", e);
        }
        throw new SandboxException(
                "bubblewrap cannot create the sandbox's namespaces on this host (" + error
                        + "). Enable unprivileged user namespaces: sysctl -w user.max_user_namespaces=15000 "
                        + "and, on Debian/Ubuntu kernels that have it, sysctl -w kernel.unprivileged_userns_clone=1; "
                        + "on Ubuntu 24.04+ also sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 or add an AppArmor "
                        + "profile for bwrap. In containers, run with a seccomp/AppArmor profile that allows unshare(CLONE_NEWUSER).");
    }

    /** The first executable {@code name} in the usual system directories, then on PATH. */
    public static Optional<Path> find(String name) {
        List<Path> dirs = new ArrayList<>(BIN_DIRS);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        for (Path d : dirs) {
            Path p = d.resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The real interpreter behind {@code python} (following pyenv shims and symlinks): asks it for
     * {@code sys.executable} and {@code sys.base_prefix}.
     */
    public static PythonInstall resolvePython(Path python) {
        try {
            ProcessBuilder pb = new ProcessBuilder(
                            python.toString(),
                            "-I",
                            "-c",
                            "import sys; print(sys.executable); print(sys.base_prefix); print(sys.version.split()[0])")
                    .redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().put("PATH", "/usr/bin:/bin");
            String home = System.getenv("HOME");
            if (home != null) {
                pb.environment().put("HOME", home);
            }
            Process p = pb.start();
            String out = new String(p.getInputStream().readNBytes(8192), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new SandboxException("The Python interpreter " + python + " did not run (" + out.trim()
                        + "). Install python3 (apt-get install python3) or set LocalSandbox.builder().python(path).");
            }
            String[] lines = out.trim().split("\n");
            Path exe = Path.of(lines[0].trim()).toRealPath();
            Path prefix = Path.of(lines[1].trim()).toRealPath();
            return new PythonInstall(exe, prefix, lines.length > 2 ? lines[2].trim() : "?");
        } catch (IOException e) {
            throw new SandboxException(
                    "Cannot run the Python interpreter " + python + ": " + e.getMessage()
                            + ". Install python3 (apt-get install python3) or set LocalSandbox.builder().python(path).",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while resolving the Python interpreter", e);
        }
    }

    /** The default interpreter: /usr/bin/python3 when present, else python3 on PATH. */
    public static Path defaultPython() {
        Path usr = Path.of("/usr/bin/python3");
        if (Files.isExecutable(usr)) {
            return usr;
        }
        return find("python3")
                .orElseThrow(() -> new SandboxException(
                        "No python3 found in /usr/bin or on PATH. Install it (apt-get install python3) or set "
                                + "LocalSandbox.builder().python(path)."));
    }

    /**
     * Directories outside {@code home} that symlinks inside the JDK point to (Debian keeps
     * {@code conf/} in {@code /etc/java-17-openjdk}); they must be mounted too.
     */
    public static List<Path> jdkLinkedTrees(Path home) {
        TreeSet<Path> dirs = new TreeSet<>();
        try (Stream<Path> s = Files.walk(home, 4)) {
            s.filter(Files::isSymbolicLink).forEach(link -> {
                try {
                    Path target = link.toRealPath();
                    if (!target.startsWith(home)
                            && !BwrapCommand.mountedFromUsr(target)
                            && !target.startsWith("/usr/share/doc")) {
                        Path dir = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? target : target.getParent();
                        dirs.add(dir);
                    }
                } catch (IOException e) {
                    // dangling link: nothing to mount
                }
            });
        } catch (IOException e) {
            throw new SandboxException("Cannot read the JDK at " + home + ": " + e.getMessage(), e);
        }
        List<Path> minimal = new ArrayList<>();
        for (Path d : dirs) {
            if (minimal.stream().noneMatch(d::startsWith)) {
                minimal.add(d);
            }
        }
        return minimal;
    }

    /** A resolved Python installation: the real executable and the tree to mount read-only. */
    public record PythonInstall(Path executable, Path prefix, String version) {}
}
