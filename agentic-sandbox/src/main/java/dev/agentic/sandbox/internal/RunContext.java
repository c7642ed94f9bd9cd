package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What all runs of one {@code LocalSandbox} share: the layout (null without isolation), the spawner
 * thread, the output reader pool, the set of live processes that {@link #close()} kills, the egress
 * factory. Thread-safe.
 */
public final class RunContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);
    private final SandboxLayout layout;
    private final SandboxLayout unisolatedLayout;
    private final HostTools tools;
    private final Path scratchRoot;
    private final Set<Language> languages;
    private final EgressFactory egress;
    private final Spawner spawner = new Spawner();
    private final ExecutorService readers;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final String seccompArch;
    private final Cgroup cgroup;
    private final CgroupV1 cgroupV1;
    private final UidPool uids;
    private final ScheduledExecutorService meters;
    private final ThreadPoolExecutor teardowns;
    private volatile boolean closed;

    public RunContext(
            SandboxLayout layout,
            SandboxLayout unisolatedLayout,
            HostTools tools,
            Path scratchRoot,
            Set<Language> languages,
            EgressFactory egress,
            String seccompArch,
            Cgroup cgroup,
            CgroupV1 cgroupV1) {
        this.layout = layout;
        this.unisolatedLayout = unisolatedLayout;
        this.tools = tools;
        this.scratchRoot = scratchRoot;
        this.languages = Set.copyOf(languages);
        this.egress = egress;
        this.seccompArch = seccompArch;
        this.cgroup = cgroup;
        this.cgroupV1 = cgroupV1;
        this.uids = layout == null ? new UidPool(-1, 1) : new UidPool(layout.sandboxUid(), layout.sandboxUidCount());
        this.meters = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agentic-sandbox-meter");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger n = new AtomicInteger();
        this.teardowns = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "agentic-sandbox-teardown-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        teardowns.allowCoreThreadTimeOut(true);
        this.readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "agentic-sandbox-output-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public boolean isolated() {
        return layout != null;
    }

    public SandboxLayout layout() {
        return layout;
    }

    SandboxLayout unisolatedLayout() {
        return unisolatedLayout;
    }

    public HostTools tools() {
        return tools;
    }

    public Path scratchRoot() {
        return scratchRoot;
    }

    public Set<Language> languages() {
        return languages;
    }

    EgressFactory egress() {
        return egress;
    }

    ExecutorService readers() {
        return readers;
    }

    /** Whether runs get their own cgroup v2 child, and why not. */
    public Cgroup cgroup() {
        return cgroup;
    }

    /** Whether runs get their own cgroup v1 children (used when cgroup v2 is not), and why not. */
    public CgroupV1 cgroupV1() {
        return cgroupV1;
    }

    /** The uids runs execute as. */
    UidPool uids() {
        return uids;
    }

    /** The thread that samples every run's totals ({@link RunMeter}). */
    ScheduledExecutorService meters() {
        return meters;
    }

    boolean closed() {
        return closed;
    }

    /** Starts a process on the spawner thread and registers it for {@link #close()}. */
    Process start(ProcessBuilder pb) throws IOException {
        if (closed) {
            throw new SandboxException("This LocalSandbox is closed; create a new one to run programs.");
        }
        Process p = spawner.start(pb);
        live.add(p);
        if (closed) {
            p.destroyForcibly();
        }
        return p;
    }

    /**
     * Runs {@code task}, the rest of a finished run's teardown (waiting for its sandbox's init to be gone,
     * removing its cgroup and directory, returning its uid), on a teardown thread; {@link #close()} waits for
     * every such task. False when the context is closing (the caller then tears down itself).
     */
    boolean deferTeardown(Runnable task) {
        if (closed) {
            return false;
        }
        try {
            teardowns.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    void forget(Process p) {
        live.remove(p);
    }

    /**
     * Notes stating which limit was enforced by what, for the result: {@code plan} says how memory, CPU time and
     * processes were bounded; {@code uid} is the run's uid (-1: this JVM's).
     */
    List<String> enforcementNotes(ExecutionLimits l, boolean egressActive, RunLimits plan, int uid) {
        List<String> notes = new ArrayList<>();
        notes.add("isolation: bubblewrap" + (uid >= 0 ? " as uid " + uid + " (this run's own)" : "")
                + " — user, pid, network, ipc, uts, cgroup and mount namespaces; nested user namespaces disabled; "
                + "all capabilities dropped; seccomp denylist (" + seccompArch + ")");
        notes.addAll(plan.notes());
        notes.addAll(List.of(
                "file size: RLIMIT_FSIZE " + l.maxFileSizeBytes() + " bytes; open files: RLIMIT_NOFILE "
                        + l.maxOpenFiles() + "; core dumps: RLIMIT_CORE 0",
                "disk: tmpfs of " + l.maxDiskBytes() + " bytes each for /sandbox and /tmp, " + BwrapCommand.SHM_BYTES
                        + " for /dev/shm; everything else read-only",
                "wall time: " + l.wallTime().toMillis() + " ms, enforced by this JVM (SIGKILL of the pid namespace)",
                "output: " + l.maxOutputBytes() + " bytes per stream, enforced by this JVM",
                egressActive
                        ? "network: egress proxy on a per-run Unix socket (allowlist only)"
                        : "network: none (empty network namespace)"));
        return notes;
    }

    /** Kills every live run and refuses new ones. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Process p : live) {
            p.destroyForcibly();
        }
        spawner.close();
        readers.shutdown();
        meters.shutdownNow();
        teardowns.shutdown();
        try {
            if (!teardowns.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("LocalSandbox: the teardown of finished runs did not end within 30 s of close()");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
