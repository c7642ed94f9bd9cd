package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.secret.Redactor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One run from request to result: take a prestarted sandbox from the {@link WarmPool} when one matches, or
 * start one (run directory, egress, cgroup, process tree on the spawner thread); feed the environment script
 * through stdin, capture output with caps, enforce the wall clock, wait for the whole tree to die, collect
 * outputs, delete the scratch, map and redact the result. Used once, by one thread.
 */
public final class SandboxRun {
    /** How long to wait for a killed tree to disappear and its pipes to close. */
    private static final long TEARDOWN_MILLIS = 10_000;
    /** How long a killed sandbox's init gets to die of its parent-death signal before it is swept. */
    private static final long SURVIVOR_GRACE_MILLIS = 1_000;

    private final RunContext ctx;
    private final WarmPool pool;
    private final WarmPool interpreters;
    private final ExecutionRequest request;
    private final ExecutionLimits limits;
    private final AtomicReference<Outcome.KilledBy> killedBy = new AtomicReference<>(Outcome.KilledBy.NOBODY);
    /** Set when the result is final while the sandbox's init may still be exiting: tear down in the background. */
    private boolean teardownLater;

    /** A run of {@code request}; {@code pool} may be null (no sandboxes are started ahead). */
    public SandboxRun(RunContext ctx, WarmPool pool, ExecutionRequest request) {
        this(ctx, pool, null, request);
    }

    /**
     * A run of {@code request} that takes a pooled interpreter from {@code interpreters} when one matches, else
     * a prestarted sandbox from {@code pool}; either may be null.
     */
    public SandboxRun(RunContext ctx, WarmPool pool, WarmPool interpreters, ExecutionRequest request) {
        this.ctx = ctx;
        this.pool = pool;
        this.interpreters = interpreters;
        this.request = request;
        this.limits = request.limits();
    }

    /** Runs the request; throws {@link SandboxException} only for failures of the sandbox itself. */
    public ExecutionResult execute() {
        Language language = request.code().language();
        NodeLimits.checkLanguage(ctx, language);
        MemoryLimit.check(language, limits);
        NodeLimits.checkNetwork(ctx, language, request.network());
        Redactor redactor = Redactor.of(request.secrets().values());
        Map<String, String> env = new LinkedHashMap<>(request.environment());
        env.putAll(request.secrets());
        long start = System.nanoTime();
        Launch l = interpreters == null ? null : interpreters.take(request);
        if (l == null && pool != null) {
            l = pool.take(request);
        }
        try {
            if (l != null) {
                l.assign(request, redactor);
            } else {
                l = SandboxLauncher.forRequest(ctx, request, env, redactor);
            }
        } catch (IOException e) {
            throw new SandboxException("The sandbox could not start the program: " + e.getMessage(), e);
        }
        try {
            return supervise(l, env, redactor, start);
        } catch (IOException e) {
            throw new SandboxException("The sandbox could not run the program: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            l.kill();
            throw new SandboxException("Interrupted while the program ran; it was killed.", e);
        } finally {
            l.runEnded();
            Launch launch = l;
            if (!teardownLater || !ctx.deferTeardown(() -> finishTeardown(launch))) {
                l.close();
            }
        }
    }

    private ExecutionResult supervise(Launch l, Map<String, String> env, Redactor redactor, long start)
            throws IOException, InterruptedException {
        Process p = l.process();
        List<String> notes = l.notes();
        RunGroup cgroup = l.cgroup();
        Runnable overflow = () -> kill(l, Outcome.KilledBy.OUTPUT);
        CappedCapture out = new CappedCapture(p.getInputStream(), limits.maxOutputBytes(), overflow);
        CappedCapture err = new CappedCapture(p.getErrorStream(), limits.maxOutputBytes(), overflow);
        ExecutorService readers = ctx.readers();
        try {
            readers.execute(out);
            readers.execute(err);
        } catch (RejectedExecutionException e) {
            p.destroyForcibly();
            p.waitFor();
            sweep(l);
            throw new SandboxException("The sandbox was closed while the program started; the run was killed.", e);
        }
        RunMeter meter = l.plan() == null
                ? null
                : RunMeter.start(ctx.meters(), limits, cgroup, p.pid(), () -> kill(l, Outcome.KilledBy.LIMIT));
        long sandboxInit = -1;
        SecureDirectoryStream<Path> workdir = null;
        long deadline = start + limits.wallTime().toNanos();
        try {
            try (OutputStream stdin = p.getOutputStream()) {
                byte[] feed = l.stdinFor(env);
                if (feed.length > 0) {
                    stdin.write(feed);
                    stdin.flush();
                }
                if (ctx.isolated()) {
                    long[] init = new long[1];
                    if (!request.outputGlobs().isEmpty()) {
                        try {
                            workdir = openWorkdir(p, deadline, init);
                        } catch (IOException e) {
                            notes.add("output files not collected: cannot open the working directory (" + e.getMessage()
                                    + ")");
                        }
                        sandboxInit = init[0];
                    }
                }
            } catch (IOException e) {
                // the process ended before reading its environment (bwrap refused to start): reported below
            }
            long left = deadline - System.nanoTime();
            if (!p.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                kill(l, Outcome.KilledBy.WALL_TIME);
            }
            p.waitFor();
            Duration duration = Duration.ofNanos(System.nanoTime() - start);
            if (meter != null) {
                meter.stop();
            }
            boolean killed = killedBy.get() != Outcome.KilledBy.NOBODY || ctx.closed();
            if (killed) {
                // the init dies of its parent-death signal within milliseconds; kill whatever did not
                l.awaitTreeDeath(sandboxInit, SURVIVOR_GRACE_MILLIS);
                sweep(l);
            }
            // nothing of the run may still run when it returns (and before output files are collected); after a
            // normal exit the init has reported and is exiting. A run in a sandbox started ahead, with a cgroup,
            // only waits until no task of its cgroup can run user code any more (the init is in the kernel's exit
            // path, tearing down the sandbox's namespaces); the rest of the teardown follows in the background
            boolean quiescent = !killed && cgroup != null && l.startedAhead() && awaitQuiescent(l, cgroup, sandboxInit);
            if (!quiescent) {
                l.awaitTreeDeath(sandboxInit, TEARDOWN_MILLIS);
            }
            if (!ctx.isolated() && !request.outputGlobs().isEmpty()) {
                workdir = Unisolated.openWorkdir(l.dir());
            }
            boolean outDone = out.await(TEARDOWN_MILLIS);
            boolean errDone = err.await(TEARDOWN_MILLIS);
            if (!outDone || !errDone) {
                notes.add("output pipes stayed open after the program ended; stopped reading");
            }
            if (ctx.closed()) {
                throw new SandboxException("The sandbox was closed while the program ran; the run was killed.");
            }
            String stderr = new String(err.bytes(), StandardCharsets.UTF_8);
            if (ctx.isolated()
                    && killedBy.get() == Outcome.KilledBy.NOBODY
                    && stderr.startsWith("bwrap: ")
                    && !l.status().exitReported()) {
                throw new SandboxException(
                        "bubblewrap could not set up the sandbox: " + redactor.redact(firstLine(stderr))
                                + ". Check that the interpreter trees and the scratch root are readable by the sandbox uid.");
            }
            if (cgroup != null
                    && p.exitValue() == 125
                    && cgroup.procsFiles().stream().anyMatch(f -> stderr.contains(f.toString()))) {
                throw new SandboxException(
                        "The launcher could not join the run's cgroup: " + redactor.redact(firstLine(stderr))
                                + ". Give LocalSandbox.builder().cgroupParent(dir) a cgroup this JVM may move processes into.");
            }
            List<OutputFile> files = List.of();
            if (workdir != null) {
                Set<String> mine = new HashSet<>(l.dir().inputNames());
                mine.add(BwrapCommand.programFile(request.code().language()));
                OutputCollector collector = new OutputCollector(
                        request.outputGlobs(),
                        mine,
                        limits.maxOutputFiles(),
                        limits.maxFileSizeBytes(),
                        limits.maxFileSizeBytes());
                files = collector.collect(workdir);
                notes.addAll(collector.notes());
            }
            Limit evidence = evidence(l, meter);
            if (meter != null) {
                notes.add(measuredNote(meter, cgroup));
            }
            String memoryNote = Outcome.runtimeMemoryNote(p.exitValue(), stderrTail(stderr), evidence);
            if (memoryNote != null) {
                notes.add(memoryNote);
            }
            List<NetworkDecision> decisions = l.egress().decisions();
            // masked as a whole below: streams (also a value cut by the cap), file paths and text file contents,
            // notes; the notes then name every output file that was changed
            ExecutionOutput output = ExecutionOutput.builder()
                    .stdout(new String(out.bytes(), StandardCharsets.UTF_8))
                    .stderr(stderr)
                    .stdoutTruncated(out.truncated())
                    .stderrTruncated(err.truncated())
                    .duration(duration)
                    .files(files)
                    .network(decisions)
                    .notes(notes)
                    .build()
                    .redact(redactor);
            ExecutionResult result = Outcome.map(p.exitValue(), killedBy.get(), limits, output, evidence);
            teardownLater = quiescent && killedBy.get() == Outcome.KilledBy.NOBODY;
            return result;
        } finally {
            if (meter != null) {
                meter.stop();
            }
            if (workdir != null) {
                workdir.close();
            }
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor();
                sweep(l);
            }
        }
    }

    /**
     * Polls until no task of the run's cgroup can run user code, or its init is gone; false (nothing proven)
     * after {@link #TEARDOWN_MILLIS}. The first milliseconds are polled finely: an exiting init is usually
     * there within one.
     */
    private static boolean awaitQuiescent(Launch l, RunGroup cgroup, long knownInit) throws InterruptedException {
        long init = knownInit > 0 ? knownInit : l.initPid();
        long begin = System.nanoTime();
        long until = begin + TimeUnit.MILLISECONDS.toNanos(TEARDOWN_MILLIS);
        while (!cgroup.quiescent() && (init <= 0 || ProcTree.running(init))) {
            if (System.nanoTime() > until) {
                return false;
            }
            if (System.nanoTime() - begin < TimeUnit.MILLISECONDS.toNanos(20)) {
                LockSupport.parkNanos(100_000);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the sandbox to end");
                }
            } else {
                Thread.sleep(2);
            }
        }
        return true;
    }

    /**
     * The rest of a finished run's teardown, on a teardown thread: waits until its init is gone, then removes
     * the cgroup (killing anything left in it) and the run directory and returns the uid.
     */
    private static void finishTeardown(Launch l) {
        try {
            // as after a normal exit on the caller's path: what is still left is killed with the cgroup
            l.awaitTreeDeath(-1, TEARDOWN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            l.sweep();
        } finally {
            l.close();
        }
    }

    /**
     * The limit the enforcing mechanisms' own counters show: what the meter killed the run for, else an OOM
     * kill or a refused fork in the run's cgroup, else the run's CPU time at or over its limit; null for none.
     */
    private Limit evidence(Launch l, RunMeter meter) {
        if (meter == null) {
            return null;
        }
        if (killedBy.get() == Outcome.KilledBy.LIMIT) {
            return meter.limitHit();
        }
        Limit fromGroup = l.plan().groupLimitHit();
        return fromGroup != null ? fromGroup : meter.limitHit();
    }

    private static String measuredNote(RunMeter meter, RunGroup cgroup) {
        long peak = cgroup != null ? cgroup.peakMemoryBytes() : meter.peakMemoryBytes();
        return "measured: cpu time " + meter.cpuNanos() / 1_000_000 + " ms for the whole run ("
                + (meter.cpuFromCgroup() ? "cgroup counter" : "sampled from /proc") + ")"
                + (peak >= 0
                        ? ", peak memory " + peak + " bytes (" + (cgroup != null ? "cgroup counter" : "sampled") + ")"
                        : "");
    }

    private static String stderrTail(String stderr) {
        return stderr.length() <= 2000 ? stderr : stderr.substring(stderr.length() - 2000);
    }

    /** After bwrap was killed, kills whatever of this run is left and says so in the notes. */
    private static void sweep(Launch l) {
        if (l.sweep()) {
            l.notes().add("killed sandbox processes that outlived bwrap (found by pid namespace or run directory)");
        }
    }

    /**
     * Finds the sandbox's init (bwrap's child) and waits until it has forked the program, which means every
     * mount is in place; then opens the working directory's tmpfs through {@code /proc/<init>/root}. The
     * handle keeps that tmpfs readable after the sandbox is gone. The program cannot run yet: it waits for
     * its environment script on stdin, which is closed only after this returns.
     */
    private SecureDirectoryStream<Path> openWorkdir(Process p, long deadline, long[] initOut) throws IOException {
        long bwrapPid = p.pid();
        while (System.nanoTime() < deadline && p.isAlive()) {
            List<Long> kids = ProcTree.children(bwrapPid);
            if (!kids.isEmpty()) {
                long init = kids.get(0);
                if (!ProcTree.children(init).isEmpty()) {
                    initOut[0] = init;
                    DirectoryStream<Path> ds = Files.newDirectoryStream(
                            Path.of("/proc", Long.toString(init), "root", BwrapCommand.WORKDIR.substring(1)));
                    if (ds instanceof SecureDirectoryStream<Path> sds) {
                        return sds;
                    }
                    ds.close();
                    throw new SandboxException("This JVM offers no SecureDirectoryStream, which output collection "
                            + "needs to read files without following links; use a Linux JDK.");
                }
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return null;
    }

    private void kill(Launch l, Outcome.KilledBy why) {
        if (killedBy.compareAndSet(Outcome.KilledBy.NOBODY, why)) {
            l.kill();
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
