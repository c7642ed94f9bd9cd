package dev.agentic.sandbox.internal;

import dev.agentic.core.Code;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.sandbox.internal.egress.EgressOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the shared {@link RunContext} of a {@code LocalSandbox}: finds the tools, checks user namespaces,
 * resolves the interpreter trees, writes the seccomp filter, decides how privileges are dropped. Stateless.
 */
public final class SandboxSetup {
    private SandboxSetup() {}

    /**
     * What {@code LocalSandbox.Builder} collected. {@code python}, {@code javaHome}, {@code scratchRoot},
     * {@code cgroupParent}, {@code pythonEnvironment} and {@code node} may be null ({@code node}: the one on PATH).
     */
    public record Options(
            boolean isolated,
            Path python,
            Path javaHome,
            Path scratchRoot,
            int sandboxUid,
            Set<HostPort> loopbackHosts,
            Path cgroupParent,
            int sandboxUidCount,
            boolean cgroups,
            Path pythonEnvironment,
            Path node) {}

    /**
     * Checks the host and prepares everything runs share.
     *
     * @throws SandboxException saying how to fix the host when something is missing
     */
    public static RunContext create(Options o) {
        HostTools tools = HostTools.discover(o.isolated());
        int uid = currentUid();
        Path root = prepareScratchRoot(
                o.scratchRoot() != null
                        ? o.scratchRoot()
                        : Path.of(System.getProperty("java.io.tmpdir"), "agentic-sandbox-" + uid));
        Path pythonEnv = o.pythonEnvironment();
        if (pythonEnv == null && o.python() != null) {
            // an interpreter inside a virtual environment: run it as that environment, so its packages are seen
            pythonEnv = PythonEnvironment.containing(o.python());
        }
        PythonEnvironment env = pythonEnv == null ? null : PythonEnvironment.of(pythonEnv, o.python(), root);
        HostTools.PythonInstall py = env != null
                ? env.base()
                : HostTools.resolvePython(o.python() != null ? o.python() : HostTools.defaultPython());
        Path jdk = resolveJdk(o.javaHome());
        Set<Language> languages = EnumSet.of(Language.PYTHON);
        List<Path> trees = new ArrayList<>();
        if (!BwrapCommand.mountedFromUsr(py.executable()) || !py.prefix().startsWith("/usr")) {
            trees.add(py.prefix());
        }
        List<Path> javaTrees = new ArrayList<>();
        if (jdk != null) {
            languages.add(Language.JAVA);
            if (!BwrapCommand.mountedFromUsr(jdk)) {
                javaTrees.add(jdk);
            }
            javaTrees.addAll(HostTools.jdkLinkedTrees(jdk));
        }
        NodeRuntime node = NodeRuntime.resolve(o.node()).orElse(null);
        if (node != null) {
            languages.add(Language.JAVASCRIPT);
            if (node.runsTypeScript()) {
                languages.add(Language.TYPESCRIPT);
            }
        }
        SandboxLayout unisolated = SandboxLayout.builder(tools, env == null ? py : env.onHost())
                .javaHome(jdk)
                .extraReadOnly(trees)
                .javaReadOnly(javaTrees)
                .node(node)
                .build();
        SandboxLayout layout = null;
        String arch = "none";
        if (o.isolated()) {
            List<String> drop = List.of();
            int ownerUid = -1;
            if (uid == 0) {
                if (tools.setpriv() == null) {
                    throw new SandboxException("This JVM runs as root, and the kernel does not apply the process "
                            + "limit to root; LocalSandbox needs setpriv (util-linux) to start bubblewrap as uid "
                            + o.sandboxUid() + ". Install util-linux, or run the JVM as an unprivileged user.");
                }
                drop = List.of(
                        tools.setpriv().toString(),
                        "--reuid=" + o.sandboxUid(),
                        "--regid=" + o.sandboxUid(),
                        "--clear-groups",
                        "--");
                ownerUid = o.sandboxUid();
                for (Path t : trees) {
                    requireEnterable(t);
                }
                for (Path t : javaTrees) {
                    requireEnterable(t);
                }
                requireEnterable(py.executable());
                if (env != null) {
                    requireEnterable(env.root());
                    if (env.sitePackages() != null) {
                        requireEnterable(env.sitePackages());
                    }
                }
                if (node != null) {
                    requireEnterable(
                            node.executable(),
                            "Use a Node.js installed outside home directories, such as /opt/node/bin/node "
                                    + "(LocalSandbox.builder().nodeExecutable(Path.of(\"/opt/node/bin/node\"))).");
                }
            }
            for (Path t : trees) {
                requireMountable(t, "the Python installation");
            }
            for (Path t : javaTrees) {
                requireMountable(t, "the JDK");
            }
            if (node != null && node.mount() != null) {
                requireMountable(node.mount(), "the Node.js installation");
            }
            tools.checkUserNamespaces(drop);
            SeccompFilter.Arch a = SeccompFilter.Arch.current();
            arch = a.name().toLowerCase(Locale.ROOT);
            layout = SandboxLayout.builder(tools, env == null ? py : env.inside())
                    .javaHome(jdk)
                    .extraReadOnly(trees)
                    .seccompFile(writeSeccomp(root, a, false))
                    .dropPrivileges(drop)
                    .sandboxUid(ownerUid)
                    .javaReadOnly(javaTrees)
                    .sandboxUidCount(ownerUid >= 0 ? o.sandboxUidCount() : 1)
                    .seccompNoMemfdFile(writeSeccomp(root, a, true))
                    .pythonEnvironment(env == null ? null : env.root())
                    .node(node)
                    .pythonSitePackages(env == null ? null : env.sitePackages())
                    .build();
        }
        EgressOptions egress =
                EgressOptions.builder().allowLoopbackHosts(o.loopbackHosts()).build();
        Cgroup cgroup = !o.isolated()
                ? new Cgroup(null, false, "not used without isolation")
                : !o.cgroups()
                        ? new Cgroup(null, false, "switched off (LocalSandbox.builder().cgroups(false))")
                        : Cgroup.detect(o.cgroupParent());
        // an explicitly configured v2 parent is the only cgroup tree used
        CgroupV1 cgroupV1 = !o.isolated() || !o.cgroups() || o.cgroupParent() != null
                ? new CgroupV1(
                        null,
                        null,
                        null,
                        null,
                        !o.cgroups() ? "switched off (LocalSandbox.builder().cgroups(false))" : "not used")
                : CgroupV1.detect();
        return new RunContext(
                layout,
                unisolated,
                tools,
                root,
                languages,
                new ProxyEgress(egress, layout == null ? -1 : layout.sandboxUid()),
                arch,
                cgroup,
                cgroupV1);
    }

    /** Runs a trivial program once so that a broken host fails at build time, not at the first real run. */
    public static void selfTest(Sandbox sandbox) {
        ExecutionResult r = sandbox.execute(ExecutionRequest.builder()
                .code(Code.python("print('ok')"))
                .limits(l -> l.wallTime(Duration.ofSeconds(30)))
                .build());
        if (!r.succeeded() || !r.stdout().strip().equals("ok")) {
            throw new SandboxException("LocalSandbox's start-up self-test failed (" + r.status() + "): "
                    + r.output().stderrTail(600).strip() + ". Check that bubblewrap works on this host: "
                    + "bwrap --unshare-all --ro-bind /usr /usr --symlink usr/lib /lib --symlink usr/lib64 /lib64 "
                    + "--proc /proc --dev /dev /usr/bin/python3 -c pass");
        }
    }

    private static Path resolveJdk(Path javaHome) {
        Path home = javaHome != null ? javaHome : Path.of(System.getProperty("java.home"));
        try {
            home = home.toRealPath();
        } catch (IOException e) {
            if (javaHome != null) {
                throw new SandboxException("javaHome " + javaHome + " does not exist; point it at a JDK.");
            }
            return null;
        }
        boolean jdk = Files.isExecutable(home.resolve("bin/java")) && Files.isExecutable(home.resolve("bin/javac"));
        if (!jdk && javaHome != null) {
            throw new SandboxException("javaHome " + javaHome + " is not a JDK (bin/java and bin/javac are "
                    + "needed to run single-file programs); install a JDK (apt-get install openjdk-17-jdk-headless).");
        }
        return jdk ? home : null;
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private static Path prepareScratchRoot(Path root) {
        try {
            if (Files.isSymbolicLink(root)) {
                throw new SandboxException("Scratch root " + root + " is a symbolic link; use a real directory.");
            }
            Files.createDirectories(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            return root.toRealPath();
        } catch (IOException e) {
            throw new SandboxException(
                    "Cannot create the sandbox scratch root " + root + ": " + e.getMessage()
                            + ". Set LocalSandbox.builder().scratchRoot(dir) to a writable directory.",
                    e);
        }
    }

    private static Path writeSeccomp(Path root, SeccompFilter.Arch arch, boolean denyMemfd) {
        byte[] program = SeccompFilter.build(arch, denyMemfd);
        try {
            Path tmp = Files.createTempFile(root, "seccomp-", ".tmp");
            Files.write(tmp, program);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--r--r--"));
            Path target = root.resolve(
                    "seccomp-" + arch.name().toLowerCase(Locale.ROOT) + (denyMemfd ? "-nomemfd" : "") + ".bpf");
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new SandboxException("Cannot write the seccomp filter into " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses an interpreter tree the sandbox would hide: {@code /sandbox}, {@code /proc} and {@code /dev} are
     * replaced inside every sandbox. (A tree under the host's {@code /tmp} is mounted over the sandbox's own
     * {@code /tmp}, so it stays visible.)
     */
    static void requireMountable(Path tree, String what) {
        for (String root : List.of(BwrapCommand.WORKDIR, "/proc", "/dev")) {
            if (tree.startsWith(root)) {
                throw new SandboxException("LocalSandbox cannot use " + what + " at " + tree + ": " + root
                        + " is replaced inside every sandbox, so programs would not find it there. Install or copy "
                        + "it elsewhere, such as under /opt.");
            }
        }
    }

    /** The unprivileged sandbox uid must be able to enter every directory above {@code tree}. */
    private static void requireEnterable(Path tree) {
        requireEnterable(
                tree,
                "Use an interpreter installed outside home directories, such as /usr/bin/python3 "
                        + "(LocalSandbox.builder().python(Path.of(\"/usr/bin/python3\"))).");
    }

    private static void requireEnterable(Path tree, String fix) {
        for (Path p = tree; p != null; p = p.getParent()) {
            try {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new SandboxException(
                            tree + " is inside " + p + ", which the unprivileged sandbox uid cannot enter. " + fix);
                }
            } catch (IOException e) {
                throw new SandboxException("Cannot inspect " + p + ": " + e.getMessage(), e);
            }
        }
    }
}
