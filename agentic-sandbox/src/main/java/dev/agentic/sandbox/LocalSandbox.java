package dev.agentic.sandbox;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.sandbox.internal.EgressFactory;
import dev.agentic.sandbox.internal.ProxyEgress;
import dev.agentic.sandbox.internal.egress.EgressOptions;
import dev.agentic.sandbox.internal.HostTools;
import dev.agentic.sandbox.internal.RunContext;
import dev.agentic.sandbox.internal.SandboxLayout;
import dev.agentic.sandbox.internal.SandboxRun;
import dev.agentic.sandbox.internal.SeccompFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Python 3 and single-file Java programs on this Linux host, isolated by bubblewrap.
 *
 * <p>Each run gets: every namespace unshared (user, pid, network, ipc, uts, cgroup, mount) with nested user
 * namespaces disabled and all capabilities dropped; a root of read-only mounts holding only {@code /usr},
 * the dynamic linker cache, TLS certificates and the interpreter trees (never {@code $HOME}); size-capped
 * tmpfs for the working directory {@code /sandbox}, {@code /tmp} and {@code /dev/shm}; a seccomp denylist
 * generated in Java; rlimits with soft = hard (address space, CPU, processes, file size, open files, no
 * core); an empty environment plus the request's variables and secrets, passed through a pipe, never on
 * a command line; no network (an empty network namespace) unless the request's {@code NetworkPolicy} allows
 * hosts, in which case a per-run egress proxy on a Unix socket, mounted in with a small forwarder on
 * {@code 127.0.0.1:3128} and the {@code *_PROXY} variables (plus {@code -Dhttps.proxyHost/Port} for Java),
 * admits only the allowlisted names and ports, refusing loopback, private and metadata addresses; its
 * decisions are in the result's {@code network}. The wall clock and
 * output caps are enforced from this JVM, which kills the whole pid namespace and keeps the output produced
 * so far. Each result's {@code notes} say which limit was enforced by what. When the JVM runs as root,
 * bubblewrap is started as an unprivileged uid ({@link Builder#sandboxUid}, default 65534) because the
 * kernel does not apply RLIMIT_NPROC to root.
 *
 * <p>Java programs run as {@code java Main.java} (the JDK's single-file source launcher) inside the
 * sandbox, so compilation is confined and limited too, with JVM flags that fit under RLIMIT_AS.
 *
 * <p>Thread-safe: any number of threads may call {@link #execute} at once; at most
 * {@link Builder#maxConcurrentRuns} run at the same time, the others wait. The creator owns the sandbox and
 * closes it; {@link #close()} kills every run in progress (those calls throw {@link SandboxException}) and
 * refuses new ones.
 *
 * <pre>{@code
 * try (LocalSandbox sandbox = LocalSandbox.builder().build()) {
 *     ExecutionResult r = sandbox.execute(ExecutionRequest.of(Code.python("print(6 * 7)")));
 * }
 * }</pre>
 */
public final class LocalSandbox implements Sandbox {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSandbox.class);

    private final Isolation isolation;
    private final RunContext context;
    private final Semaphore slots;

    private LocalSandbox(Isolation isolation, RunContext context, int maxConcurrent) {
        this.isolation = isolation;
        this.context = context;
        this.slots = new Semaphore(maxConcurrent, true);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request) {
        Objects.requireNonNull(request, "request");
        if (isolation == Isolation.NONE) {
            LOG.warn("LocalSandbox is running a program WITHOUT ISOLATION (Isolation.NONE): it can read and write "
                    + "your files, use the network and see other processes. Use Isolation.BUBBLEWRAP for anything "
                    + "you did not write yourself.");
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for a free sandbox slot", e);
        }
        try {
            return new SandboxRun(context, request).execute();
        } finally {
            slots.release();
        }
    }

    @Override
    public Set<Language> languages() {
        return context.languages();
    }

    /** The isolation mode this sandbox was built with. */
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return "LocalSandbox[" + isolation + ", " + context.languages() + "]";
    }

    /** Builder for {@link LocalSandbox}; not thread-safe. */
    public static final class Builder {
        private Isolation isolation = Isolation.BUBBLEWRAP;
        private Path python;
        private Path javaHome;
        private int maxConcurrentRuns = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
        private Path scratchRoot;
        private int sandboxUid = 65534;
        private final Set<HostPort> loopbackHosts = new LinkedHashSet<>();

        private Builder() {
        }

        /** {@link Isolation#BUBBLEWRAP} (default) or the explicit, unsafe {@link Isolation#NONE}. */
        public Builder isolation(Isolation isolation) {
            this.isolation = Objects.requireNonNull(isolation, "isolation");
            return this;
        }

        /**
         * The Python interpreter (default {@code /usr/bin/python3}, else {@code python3} on PATH). Shims and
         * symlinks are resolved to the real installation, which is mounted read-only.
         */
        public Builder python(Path python) {
            this.python = Objects.requireNonNull(python, "python");
            return this;
        }

        /** The JDK for Java programs (default: this JVM's {@code java.home}); mounted read-only. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
            return this;
        }

        /** How many runs may execute at once (default 4 per core); further calls wait for a slot. */
        public Builder maxConcurrentRuns(int maxConcurrentRuns) {
            if (maxConcurrentRuns < 1) {
                throw new ConfigurationException("maxConcurrentRuns must be at least 1, was " + maxConcurrentRuns);
            }
            this.maxConcurrentRuns = maxConcurrentRuns;
            return this;
        }

        /**
         * Where per-run directories are created (default {@code $java.io.tmpdir/agentic-sandbox-<uid>}). Each
         * run's directory is private and deleted when the run ends.
         */
        public Builder scratchRoot(Path scratchRoot) {
            this.scratchRoot = Objects.requireNonNull(scratchRoot, "scratchRoot");
            return this;
        }

        /**
         * The unprivileged uid (and gid) bubblewrap runs as when this JVM runs as root (default 65534,
         * {@code nobody}); ignored otherwise. Prefer a uid no other host process uses.
         */
        public Builder sandboxUid(int sandboxUid) {
            if (sandboxUid < 1) {
                throw new ConfigurationException("sandboxUid must be a non-root uid, was " + sandboxUid);
            }
            this.sandboxUid = sandboxUid;
            return this;
        }

        /**
         * <b>For local development and tests only.</b> Lets programs reach these exact {@code host:port} pairs
         * on this machine's loopback (for example a local test server at {@code 127.0.0.1:8123}) through the
         * egress proxy, which otherwise refuses loopback, IP literals and {@code localhost}. An entry takes
         * effect only for runs whose {@code NetworkPolicy} also allows that exact host and port. Never use it
         * for untrusted production workloads: it opens a path from sandboxed code to a host service.
         */
        public Builder allowLoopbackHosts(String... hostPorts) {
            for (String h : hostPorts) {
                HostPort hp = HostPort.parse(h);
                if (hp.port() == 0) {
                    throw new ConfigurationException("allowLoopbackHosts: '" + h + "' needs an explicit port, "
                            + "for example " + h + ":8123");
                }
                loopbackHosts.add(hp);
            }
            return this;
        }

        /**
         * Checks the host and builds the sandbox: finds bubblewrap, checks that user namespaces work, resolves
         * the interpreters and runs a trivial program once.
         *
         * @throws SandboxException saying how to fix the host when isolation is unavailable
         */
        public LocalSandbox build() {
            boolean isolated = isolation == Isolation.BUBBLEWRAP;
            HostTools tools = HostTools.discover(isolated);
            int uid = currentUid();
            Path root = prepareScratchRoot(scratchRoot != null ? scratchRoot
                    : Path.of(System.getProperty("java.io.tmpdir"), "agentic-sandbox-" + uid));
            HostTools.PythonInstall py = HostTools.resolvePython(python != null ? python : HostTools.defaultPython());
            Path jdk = resolveJdk();
            Set<Language> languages = EnumSet.of(Language.PYTHON);
            if (jdk != null) {
                languages.add(Language.JAVA);
            }
            List<Path> trees = new ArrayList<>();
            if (!py.prefix().startsWith("/usr")) {
                trees.add(py.prefix());
            }
            if (jdk != null) {
                if (!jdk.startsWith("/usr")) {
                    trees.add(jdk);
                }
                trees.addAll(HostTools.jdkLinkedTrees(jdk));
            }
            EgressOptions egressOptions = EgressOptions.builder().allowLoopbackHosts(loopbackHosts).build();
            SandboxLayout unisolated = new SandboxLayout(tools, py, jdk, trees, null, List.of(), -1);
            SandboxLayout layout = null;
            String arch = "none";
            if (isolated) {
                List<String> drop = List.of();
                int ownerUid = -1;
                if (uid == 0) {
                    if (tools.setpriv() == null) {
                        throw new SandboxException("This JVM runs as root, and the kernel does not apply the process "
                                + "limit to root; LocalSandbox needs setpriv (util-linux) to start bubblewrap as uid "
                                + sandboxUid + ". Install util-linux, or run the JVM as an unprivileged user.");
                    }
                    drop = List.of(tools.setpriv().toString(), "--reuid=" + sandboxUid, "--regid=" + sandboxUid,
                            "--clear-groups", "--");
                    ownerUid = sandboxUid;
                    for (Path t : trees) {
                        requireWorldReadable(t);
                    }
                    requireWorldReadable(py.executable());
                }
                tools.checkUserNamespaces(drop);
                SeccompFilter.Arch a = SeccompFilter.Arch.current();
                arch = a.name().toLowerCase(java.util.Locale.ROOT);
                Path bpf = writeSeccomp(root, a);
                layout = new SandboxLayout(tools, py, jdk, trees, bpf, drop, ownerUid);
            }
            EgressFactory egressFactory = new ProxyEgress(egressOptions, layout == null ? -1 : layout.sandboxUid());
            RunContext ctx = new RunContext(layout, unisolated, tools, root, languages, egressFactory, arch);
            LocalSandbox sandbox = new LocalSandbox(isolation, ctx, maxConcurrentRuns);
            selfTest(sandbox);
            return sandbox;
        }

        private Path resolveJdk() {
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

        private static void selfTest(LocalSandbox sandbox) {
            ExecutionResult r;
            try {
                r = sandbox.execute(ExecutionRequest.builder().code(Code.python("print('ok')"))
                        .limits(l -> l.wallTime(java.time.Duration.ofSeconds(30))).build());
            } catch (RuntimeException e) {
                sandbox.close();
                throw e;
            }
            if (!r.succeeded() || !r.stdout().strip().equals("ok")) {
                sandbox.close();
                throw new SandboxException("LocalSandbox's start-up self-test failed (" + r.status() + "): "
                        + r.output().stderrTail(600).strip() + ". Check that bubblewrap works on this host: "
                        + "bwrap --unshare-all --ro-bind /usr /usr --symlink usr/lib /lib --symlink usr/lib64 /lib64 "
                        + "--proc /proc --dev /dev /usr/bin/python3 -c pass");
            }
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
                throw new SandboxException("Cannot create the sandbox scratch root " + root + ": " + e.getMessage()
                        + ". Set LocalSandbox.builder().scratchRoot(dir) to a writable directory.", e);
            }
        }

        private static Path writeSeccomp(Path root, SeccompFilter.Arch arch) {
            byte[] program = SeccompFilter.build(arch);
            try {
                Path tmp = Files.createTempFile(root, "seccomp-", ".tmp");
                Files.write(tmp, program);
                Path target = root.resolve("seccomp-" + arch.name().toLowerCase(java.util.Locale.ROOT) + ".bpf");
                Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
                return target;
            } catch (IOException e) {
                throw new SandboxException("Cannot write the seccomp filter into " + root + ": " + e.getMessage(), e);
            }
        }

        private static void requireWorldReadable(Path tree) {
            for (Path p = tree; p != null; p = p.getParent()) {
                try {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                            && !Files.getPosixFilePermissions(p).contains(
                                    java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                        throw new SandboxException(tree + " is inside " + p + ", which the unprivileged sandbox uid "
                                + "cannot enter. Use an interpreter installed outside home directories, such as "
                                + "/usr/bin/python3 (LocalSandbox.builder().python(Path.of(\"/usr/bin/python3\"))).");
                    }
                } catch (IOException e) {
                    throw new SandboxException("Cannot inspect " + p + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
