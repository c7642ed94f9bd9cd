package dev.agentic.sandbox;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.annotation.Stable;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SandboxEnvironment;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.sandbox.internal.EnvironmentProbe;
import dev.agentic.sandbox.internal.MemoryLimit;
import dev.agentic.sandbox.internal.RunContext;
import dev.agentic.sandbox.internal.SandboxRuntime;
import dev.agentic.sandbox.internal.SandboxSetup;
import dev.agentic.sandbox.internal.WarmPool;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Python 3, single-file Java and (with Node.js) JavaScript and TypeScript programs on this Linux host,
 * isolated by bubblewrap.
 *
 * <p>Each run gets: every namespace unshared (user, pid, network, ipc, uts, cgroup, mount) with nested user
 * namespaces disabled and all capabilities dropped; a root of read-only mounts holding only the parts of
 * {@code /usr} the interpreters need, the dynamic linker cache, TLS certificates and the interpreter trees (never
 * {@code $HOME} or {@code /usr/local/etc}); size-capped
 * tmpfs for the working directory {@code /sandbox}, {@code /tmp} and {@code /dev/shm}; a seccomp denylist
 * generated in Java; rlimits with soft = hard (address space, CPU, processes, file size, open files, no
 * core), plus cgroups of the run's own that bound the run as a whole: a child of a delegated cgroup v2
 * ({@link Builder#cgroupParent}) with {@code memory.max}, {@code memory.swap.max} 0, {@code pids.max} and
 * {@code cpu.max}, else children in writable cgroup v1 memory, pids and cpu/cpuacct hierarchies, else a
 * fallback (memory-backed files refused, a supervisor sampling the run's memory and CPU time; see the README's
 * safety model); the run's CPU time is measured across all its processes and the run is killed when it is used
 * up; an empty environment plus the request's variables and secrets, passed through a pipe, never on
 * a command line; no network (an empty network namespace) unless the request's {@code NetworkPolicy} allows
 * hosts, in which case a per-run egress proxy on a Unix socket, mounted in with a small forwarder on
 * {@code 127.0.0.1:3128} and the {@code *_PROXY} variables (plus {@code -Dhttps.proxyHost/Port} for Java),
 * admits only the allowlisted names and ports, refusing loopback, private and metadata addresses; its
 * decisions are in the result's {@code network}. The wall clock and
 * output caps are enforced from this JVM, which kills the whole pid namespace and keeps the output produced
 * so far. Each result's {@code notes} say which limit was enforced by what, and a {@code Killed} result's limit
 * comes only from the enforcing mechanism's counters, never from an exit status. When the JVM runs as root,
 * bubblewrap is started as an unprivileged uid of the run's own ({@link Builder#sandboxUids}) because the
 * kernel does not apply RLIMIT_NPROC to root and so that no other run or host process shares it.
 *
 * <p>{@link #capabilities()}: with {@link Isolation#BUBBLEWRAP}, every {@link SandboxCapability}; what each
 * one rests on, how Java programs run, how sessions ({@link #openSession}) behave and what prestarted sandboxes
 * and pooled interpreters ({@link Builder#prestart}, {@link Builder#interpreterPool}) cost are in the
 * {@linkplain dev.agentic.sandbox package description}.
 *
 * <p>JavaScript and TypeScript programs run with Node.js ({@link Builder#nodeExecutable}) as {@code main.js} or
 * {@code main.ts}; see the README's "JavaScript and TypeScript" part for versions, network and memory.
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
@Stable
public final class LocalSandbox implements Sandbox {
    private static final Logger LOG = LoggerFactory.getLogger(LocalSandbox.class);
    private static final int DEFAULT_FIRST_UID = 0x70000000;
    private static final int DEFAULT_UID_COUNT = 65536;

    private final Isolation isolation;
    private final RunContext context;
    private final SandboxCapabilities capabilities;
    private final SandboxRuntime runtime;

    private LocalSandbox(Isolation isolation, RunContext context, int maxConcurrent, int maxSessions) {
        this.isolation = isolation;
        this.context = context;
        this.runtime = new SandboxRuntime(context, maxConcurrent, maxSessions);
        this.capabilities = SandboxRuntime.capabilities(
                isolation == Isolation.BUBBLEWRAP, context.tools().prlimit() != null, context.languages());
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
        return runtime.execute(request);
    }

    /**
     * Opens a Python, JavaScript or TypeScript session: one long-lived interpreter in its own sandbox, set up by the same launch as a
     * one-shot run (namespaces, mounts, seccomp, rlimits, cgroup, egress), so memory and process limits hold
     * for the whole session. See {@link Builder#maxSessions} for the cap and the class description for how runs,
     * timeouts, lost interpreters, files and expiry behave.
     *
     * @throws UnsupportedCapabilityException for options this sandbox cannot honour (Java sessions, or any
     *     session with {@link Isolation#NONE}, JavaScript without Node.js, TypeScript without a Node.js that strips
     *     types, a host allowlist with a Node.js that ignores the egress proxy)
     * @throws SandboxException when {@link Builder#maxSessions} sessions are open or the session cannot start
     */
    @Override
    public SandboxSession openSession(SessionOptions options) {
        Objects.requireNonNull(options, "options");
        capabilities.check(options, toString());
        MemoryLimit.check(options.language(), options.limits());
        return runtime.openSession(options, toString());
    }

    /** How many sessions of this sandbox are open now (started and neither closed nor expired). */
    public int openSessions() {
        return runtime.openSessions();
    }

    /**
     * How many pooled interpreters ({@link Builder#interpreterPool}) are started and waiting for a program now,
     * of every network kind; 0 without a pool and after {@link #close()}. For monitoring: a value that stays
     * below the pool's size under load says the pool does not keep up.
     */
    public int readyInterpreters() {
        return runtime.readyInterpreters();
    }

    /** Like {@link #readyInterpreters()}, for the sandboxes {@link Builder#prestart} set up ahead of demand. */
    public int readyPrestarted() {
        return runtime.readyPrestarted();
    }

    /** Declared from the isolation mode; see the class description for what each capability rests on. */
    @Override
    public SandboxCapabilities capabilities() {
        return capabilities;
    }

    /**
     * What Python programs find in this sandbox: the interpreter's version and the third-party modules they can
     * import, found by running one short program inside the sandbox on the first call and kept for the
     * sandbox's lifetime. Empty when this sandbox does not run Python.
     *
     * @throws SandboxException when that program cannot run
     */
    @Override
    public Optional<SandboxEnvironment> environment() {
        if (!context.languages().contains(Language.PYTHON)) {
            return Optional.empty();
        }
        return Optional.of(runtime.environment(() -> EnvironmentProbe.python(this)));
    }

    /** The isolation mode this sandbox was built with. */
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public void close() {
        runtime.close();
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
        private Path pythonEnvironment;
        private Path nodeExecutable;
        private int maxConcurrentRuns = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
        private int maxSessions = 16;
        private Path scratchRoot;
        private int sandboxUid = DEFAULT_FIRST_UID;
        private int sandboxUidCount = DEFAULT_UID_COUNT;
        private boolean cgroups = true;
        private Path cgroupParent;
        private final Set<HostPort> loopbackHosts = new LinkedHashSet<>();
        private final Map<WarmPool.Kind, Integer> prestart = new HashMap<>();
        private final Map<WarmPool.Kind, Integer> interpreterPool = new HashMap<>();
        private ExecutionLimits prestartLimits = ExecutionLimits.defaults();

        private Builder() {}

        /** {@link Isolation#BUBBLEWRAP} (default) or the explicit, unsafe {@link Isolation#NONE}. */
        public Builder isolation(Isolation isolation) {
            this.isolation = Objects.requireNonNull(isolation, "isolation");
            return this;
        }

        /**
         * The Python interpreter (default {@code /usr/bin/python3}, else {@code python3} on PATH). Shims and
         * symlinks are resolved to the real installation, which is mounted read-only; an interpreter in a virtual
         * environment ({@code DIR/bin/python3} beside {@code DIR/pyvenv.cfg}) stands for
         * {@link #pythonEnvironment pythonEnvironment(DIR)}.
         */
        public Builder python(Path python) {
            this.python = Objects.requireNonNull(python, "python");
            return this;
        }

        /**
         * A Python virtual environment on the host whose packages programs (and sessions) may import, such as one
         * made by {@code agentic env create DIR -r requirements.txt} or {@code /usr/bin/python3 -m venv DIR} plus
         * {@code DIR/bin/pip install ...}. It is mounted read-only at {@code /opt/agentic/python-env} in every run
         * and its interpreter runs the programs; the network and the host's home stay out of reach, and programs
         * cannot change the packages. {@link LocalSandbox#environment()} then lists its packages, which the
         * generator's prompt names as available. Default: none (the standard library and the interpreter's own
         * dist-packages). Passing an environment's {@code bin/python3} to {@link #python} has the same effect.
         * When the JVM runs as root the directory and its parents must be enterable by the sandbox uid
         * (for example under {@code /opt} or {@code /srv}, not {@code /root}). Packages whose installation
         * wrote absolute host paths (editable installs) do not work inside.
         *
         * <p>{@code directory} may also be a bare site-packages directory the host prepared, such as one made by
         * {@code pip install --target DIR PACKAGE} (recognised by its {@code *.dist-info}): it is mounted read-only
         * and put on the import path ahead of the interpreter's own packages, for runs and sessions alike, through
         * a small virtual environment made for it in the scratch root (so programs still run under {@code -I}).
         * Its packages must suit the interpreter ({@link #python}) in version and platform.
         */
        public Builder pythonEnvironment(Path directory) {
            this.pythonEnvironment = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The JDK for Java programs (default: this JVM's {@code java.home}); mounted read-only. */
        public Builder javaHome(Path javaHome) {
            this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
            return this;
        }

        /**
         * The Node.js executable for JavaScript and TypeScript programs (default: the first {@code node} on PATH;
         * without one the sandbox runs neither). Symlinks are resolved; its install tree ({@code DIR} of
         * {@code DIR/bin/node}) is mounted read-only unless {@code /usr} already holds it. TypeScript needs a Node.js
         * that strips types (22.6 and later; before 22.18 with {@code --experimental-strip-types}), network
         * allowlists need Node.js 24.5 or later.
         */
        @Experimental
        public Builder nodeExecutable(Path node) {
            this.nodeExecutable = Objects.requireNonNull(node, "node");
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
         * How many sessions may be open at once (default 16); {@link LocalSandbox#openSession} beyond it throws
         * {@link SandboxException}. Each open session holds one sandbox with an idle interpreter (about 15 MB
         * resident) until it is closed or expires.
         */
        public Builder maxSessions(int maxSessions) {
            if (maxSessions < 0) {
                throw new ConfigurationException("maxSessions must be 0 or more, was " + maxSessions);
            }
            this.maxSessions = maxSessions;
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
         * One unprivileged uid (and gid) that every run executes as when this JVM runs as root, instead of a uid
         * of its own per run ({@link #sandboxUids}); ignored otherwise. Runs sharing a uid can read each other's
         * environment (secrets) through {@code /proc}, and so can any host process of that uid: prefer
         * {@link #sandboxUids}.
         */
        public Builder sandboxUid(int sandboxUid) {
            return sandboxUids(sandboxUid, 1);
        }

        /**
         * The uids runs execute as when this JVM runs as root (ignored otherwise): each live run and each
         * prestarted sandbox holds its own uid (and gid) from {@code [first, first + count)}, like a dynamic user,
         * returned when its processes are gone. Default: 65536 uids from {@code 0x70000000} (1879048192), a range
         * no distribution or systemd convention assigns. No host user may use a uid of the range.
         */
        @Experimental
        public Builder sandboxUids(int first, int count) {
            if (first < 1 || count < 1 || (long) first + count - 1 > Integer.MAX_VALUE) {
                throw new ConfigurationException("sandboxUids needs a non-root first uid and a count of at least 1 "
                        + "that stays below 2^31, was " + first + " and " + count);
            }
            this.sandboxUid = first;
            this.sandboxUidCount = count;
            return this;
        }

        /**
         * Whether runs get cgroups of their own when the host offers them (default true): a delegated cgroup v2,
         * else writable cgroup v1 memory and pids hierarchies. With {@code false}, every run relies on the
         * fallback the README's safety model describes (rlimits, seccomp, a supervisor sampling memory and CPU).
         */
        @Experimental
        public Builder cgroups(boolean cgroups) {
            this.cgroups = cgroups;
            return this;
        }

        /**
         * A delegated cgroup v2 directory under which each run gets its own child cgroup with
         * {@code memory.max}, {@code memory.swap.max} 0, {@code pids.max} and {@code cpu.max} (one CPU). It must
         * be writable by this JVM, list {@code memory} and {@code pids} in {@code cgroup.controllers} and hold no
         * processes itself (so they can be enabled for its children). Default: this JVM's own cgroup, when it
         * qualifies. When it does not, runs rely on rlimits alone and every result's notes say why; start-up
         * never fails for this.
         */
        public Builder cgroupParent(Path cgroupParent) {
            this.cgroupParent = Objects.requireNonNull(cgroupParent, "cgroupParent");
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
                allowLoopbackHosts(List.of(HostPort.parse(h)));
            }
            return this;
        }

        /** Like {@link #allowLoopbackHosts(String...)}; for local development and tests only. */
        public Builder allowLoopbackHosts(Collection<HostPort> hostPorts) {
            for (HostPort hp : hostPorts) {
                Objects.requireNonNull(hp, "hostPorts element");
                if (hp.port() == 0) {
                    throw new ConfigurationException("allowLoopbackHosts: '" + hp + "' needs an explicit port, "
                            + "for example " + hp + ":8123");
                }
                loopbackHosts.add(hp);
            }
            return this;
        }

        /**
         * Keeps {@code count} sandboxes for {@code language} and requests without network set up ahead of demand
         * (default: none): namespaces, mounts, seccomp and rlimits are in place and only the interpreter starts
         * when the request comes. Each serves exactly one program. Used only by requests whose limits equal
         * {@link #prestartLimits} and that have no input files; costs, refill and failures are in the
         * {@linkplain dev.agentic.sandbox package description}. Needs {@link Isolation#BUBBLEWRAP}.
         *
         * @param count 0 (off) to 64
         */
        public Builder prestart(Language language, int count) {
            return pool(prestart, new WarmPool.Kind(Objects.requireNonNull(language, "language"), false), count);
        }

        /**
         * Like {@link #prestart}, for requests whose {@code NetworkPolicy} allows hosts (any allowlist): the
         * egress forwarder already listens inside, and the run's own proxy starts with the request.
         *
         * @param count 0 (off) to 64
         */
        public Builder prestartWithNetwork(Language language, int count) {
            return pool(prestart, new WarmPool.Kind(Objects.requireNonNull(language, "language"), true), count);
        }

        /**
         * Keeps {@code count} Python interpreters started ahead of demand for requests without network (default:
         * none), each in its own fresh sandbox set up like a one-shot run's, with common standard modules
         * imported, waiting for a program on a pipe: a run then costs less than starting Python at all. Each
         * serves exactly one program and is discarded with its sandbox. Used like {@link #prestart} (same
         * limits, no input files), else a prestarted sandbox or a cold start is used; see the
         * {@linkplain dev.agentic.sandbox package description}. Needs {@link Isolation#BUBBLEWRAP}.
         *
         * @param count 0 (off) to 64
         */
        public Builder interpreterPool(int count) {
            return pool(interpreterPool, new WarmPool.Kind(Language.PYTHON, false), count);
        }

        /**
         * Like {@link #interpreterPool}, for requests whose {@code NetworkPolicy} allows hosts: the egress
         * forwarder already listens inside, and the run's own proxy starts with the request.
         *
         * @param count 0 (off) to 64
         */
        public Builder interpreterPoolWithNetwork(int count) {
            return pool(interpreterPool, new WarmPool.Kind(Language.PYTHON, true), count);
        }

        private Builder pool(Map<WarmPool.Kind, Integer> sizes, WarmPool.Kind kind, int count) {
            SandboxRuntime.setPoolSize(sizes, kind, count);
            return this;
        }

        /**
         * The limits of prestarted sandboxes (default {@link ExecutionLimits#defaults()}); only requests with
         * exactly these limits use them, because rlimits and tmpfs sizes are fixed when a sandbox is set up.
         */
        public Builder prestartLimits(ExecutionLimits limits) {
            this.prestartLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Checks the host and builds the sandbox: finds bubblewrap, checks that user namespaces work, resolves
         * the interpreters and runs a trivial program once.
         *
         * @throws SandboxException saying how to fix the host when isolation is unavailable
         */
        public LocalSandbox build() {
            SandboxSetup.Options o = new SandboxSetup.Options(
                    isolation == Isolation.BUBBLEWRAP,
                    python,
                    javaHome,
                    scratchRoot,
                    sandboxUid,
                    Set.copyOf(loopbackHosts),
                    cgroupParent,
                    sandboxUidCount,
                    cgroups,
                    pythonEnvironment,
                    nodeExecutable);
            SandboxRuntime.checkPools(isolation == Isolation.BUBBLEWRAP, prestart, interpreterPool, prestartLimits);
            LocalSandbox sandbox = new LocalSandbox(isolation, SandboxSetup.create(o), maxConcurrentRuns, maxSessions);
            sandbox.runtime.start(sandbox, prestart, interpreterPool, prestartLimits);
            return sandbox;
        }
    }
}
