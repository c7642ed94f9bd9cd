package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run from request to result: prepare the run directory, start the process tree on the spawner thread,
 * feed the environment script through stdin, capture output with caps, enforce the wall clock, wait for
 * the whole tree to die, collect outputs, delete the scratch, map and redact the result.
 * Used once, by one thread.
 */
public final class SandboxRun {
    /** How long to wait for a killed tree to disappear and its pipes to close. */
    private static final long TEARDOWN_MILLIS = 10_000;

    private final RunContext ctx;
    private final ExecutionRequest request;
    private final ExecutionLimits limits;
    private final AtomicReference<Outcome.KilledBy> killedBy = new AtomicReference<>(Outcome.KilledBy.NOBODY);
    private final List<String> notes = new ArrayList<>();
    private volatile Process process;
    private volatile RunCgroup cgroup;

    public SandboxRun(RunContext ctx, ExecutionRequest request) {
        this.ctx = ctx;
        this.request = request;
        this.limits = request.limits();
    }

    /** Runs the request; throws {@link SandboxException} only for failures of the sandbox itself. */
    public ExecutionResult execute() {
        Language language = request.code().language();
        if (!ctx.languages().contains(language)) {
            throw new SandboxException("LocalSandbox cannot run " + language.displayName() + "; it runs "
                    + ctx.languages() + ".");
        }
        if (ctx.isolated() && ctx.cgroup().usable()) {
            cgroup = ctx.cgroup().createRun(limits, notes);
        }
        try {
            return run(language);
        } finally {
            if (cgroup != null) {
                cgroup.close();
            }
        }
    }

    private ExecutionResult run(Language language) {
        Redactor redactor = Redactor.of(request.secrets().values());
        String programFile = BwrapCommand.programFile(language);
        long start = System.nanoTime();
        try (RunDirectory dir = RunDirectory.create(ctx.scratchRoot(), programFile, request.code().source(),
                request.inputFiles(), ctx.layout() == null ? -1 : ctx.layout().sandboxUid());
             EgressSession egress = ctx.isolated() ? ctx.egress().open(request.network(), dir, redactor)
                     : EgressSession.none()) {
            List<String> argv;
            Map<String, String> env = new LinkedHashMap<>(request.environment());
            env.putAll(request.secrets());
            if (ctx.isolated()) {
                BwrapCommand.Run run = new BwrapCommand.Run(language, dir.path(), dir.inputNames(), limits,
                        egress.socket(), egress.forwarder(), egress.environment(),
                        !env.isEmpty() || !request.outputGlobs().isEmpty());
                argv = BwrapCommand.build(ctx.layout(), run, egress.socketInside(), egress.forwarderInside(),
                        cgroup == null ? null : cgroup.procs());
                notes.addAll(ctx.enforcementNotes(limits, egress.active(), cgroup));
            } else {
                argv = Unisolated.prepare(ctx, dir, language, limits, request.inputFiles());
                notes.add("isolation: NONE — the program ran as this JVM's user with full access to the host "
                        + "(explicit Isolation.NONE; development only)");
                notes.add("network: NOT restricted (Isolation.NONE ignores the network policy)");
            }
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .directory(ctx.isolated() ? new java.io.File("/") : dir.path().resolve("work").toFile());
            pb.environment().clear();
            if (!ctx.isolated()) {
                pb.environment().putAll(Unisolated.environment(dir, env));
            }
            Process p = ctx.start(pb);
            process = p;
            try {
                return supervise(p, dir, env, redactor, egress, start);
            } finally {
                ctx.forget(p);
            }
        } catch (IOException e) {
            throw new SandboxException("The sandbox could not run the program: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Process p = process;
            if (p != null) {
                p.destroyForcibly();
            }
            throw new SandboxException("Interrupted while the program ran; it was killed.", e);
        }
    }

    private ExecutionResult supervise(Process p, RunDirectory dir, Map<String, String> env, Redactor redactor,
                                      EgressSession egress, long start) throws IOException, InterruptedException {
        Runnable overflow = () -> kill(p, Outcome.KilledBy.OUTPUT);
        CappedCapture out = new CappedCapture(p.getInputStream(), limits.maxOutputBytes(), overflow);
        CappedCapture err = new CappedCapture(p.getErrorStream(), limits.maxOutputBytes(), overflow);
        ExecutorService readers = ctx.readers();
        try {
            readers.execute(out);
            readers.execute(err);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            p.destroyForcibly();
            p.waitFor();
            sweep(dir);
            throw new SandboxException("The sandbox was closed while the program started; the run was killed.", e);
        }
        long sandboxInit = -1;
        SecureDirectoryStream<Path> workdir = null;
        long deadline = start + limits.wallTime().toNanos();
        try {
            try (OutputStream stdin = p.getOutputStream()) {
                if (ctx.isolated() && !env.isEmpty()) {
                    stdin.write(EnvScript.of(env));
                    stdin.flush();
                }
                if (ctx.isolated()) {
                    long[] init = new long[1];
                    if (!request.outputGlobs().isEmpty()) {
                        try {
                            workdir = openWorkdir(p, deadline, init);
                        } catch (IOException e) {
                            notes.add("output files not collected: cannot open the working directory ("
                                    + e.getMessage() + ")");
                        }
                        sandboxInit = init[0];
                    }
                }
            } catch (IOException e) {
                // the process ended before reading its environment (bwrap refused to start): reported below
            }
            long left = deadline - System.nanoTime();
            if (!p.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                kill(p, Outcome.KilledBy.WALL_TIME);
            }
            p.waitFor();
            Duration duration = Duration.ofNanos(System.nanoTime() - start);
            if (killedBy.get() != Outcome.KilledBy.NOBODY || ctx.closed()) {
                sweep(dir);
            }
            awaitTreeDeath(p, sandboxInit);
            if (!ctx.isolated() && !request.outputGlobs().isEmpty()) {
                workdir = Unisolated.openWorkdir(dir);
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
            if (ctx.isolated() && p.exitValue() == 1 && stderr.startsWith("bwrap: ")
                    && killedBy.get() == Outcome.KilledBy.NOBODY) {
                throw new SandboxException("bubblewrap could not set up the sandbox: " + redactor.redact(firstLine(stderr))
                        + ". Check that the interpreter trees and the scratch root are readable by the sandbox uid.");
            }
            if (cgroup != null && p.exitValue() == 125 && stderr.contains(cgroup.procs().toString())) {
                throw new SandboxException("The launcher could not join the run's cgroup: " + redactor.redact(firstLine(stderr))
                        + ". Give LocalSandbox.builder().cgroupParent(dir) a cgroup this JVM may move processes into.");
            }
            List<OutputFile> files = List.of();
            if (workdir != null) {
                java.util.Set<String> mine = new java.util.HashSet<>(dir.inputNames());
                mine.add(BwrapCommand.programFile(request.code().language()));
                OutputCollector collector = new OutputCollector(request.outputGlobs(), mine, limits.maxOutputFiles(),
                        limits.maxFileSizeBytes(), limits.maxFileSizeBytes());
                files = collector.collect(workdir);
                notes.addAll(collector.notes());
            }
            List<NetworkDecision> decisions = egress.decisions();
            String stdoutText = redact(redactor, new String(out.bytes(), StandardCharsets.UTF_8), out.truncated());
            String stderrText = redact(redactor, stderr, err.truncated());
            // stdout/stderr are masked above (also a value cut by the cap); file paths and notes here
            ExecutionOutput output = new ExecutionOutput(stdoutText, stderrText, out.truncated(), err.truncated(),
                    duration, files, decisions, notes).redact(redactor);
            return Outcome.map(p.exitValue(), killedBy.get(), limits, output,
                    cgroup == null ? null : cgroup.limitHit());
        } finally {
            if (workdir != null) {
                workdir.close();
            }
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor();
                sweep(dir);
            }
        }
    }

    /**
     * After bwrap was killed, kills whatever of this run is left (a sandbox init caught in bwrap's set-up);
     * the run directory's path is unique and part of every process's command line.
     */
    private void sweep(RunDirectory dir) {
        if (ctx.isolated() && ProcTree.killCommandLinesContaining(dir.path().toString()) > 0) {
            notes.add("killed sandbox processes left behind by bwrap's set-up");
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

    private void awaitTreeDeath(Process p, long sandboxInit) throws InterruptedException {
        if (!ctx.isolated()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            return;
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TEARDOWN_MILLIS);
        while (sandboxInit > 0 && ProcTree.running(sandboxInit) && System.nanoTime() < until) {
            Thread.sleep(2);
        }
    }

    private void kill(Process p, Outcome.KilledBy why) {
        if (killedBy.compareAndSet(Outcome.KilledBy.NOBODY, why)) {
            if (!ctx.isolated()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
            }
            p.destroyForcibly();
            RunCgroup g = cgroup;
            if (g != null) {
                g.kill();
            }
        }
    }

    /**
     * Masks secrets; when the text was cut at the cap, also masks a secret's beginning left at the very end
     * (a value split by the cut would otherwise escape redaction).
     */
    private String redact(Redactor redactor, String text, boolean truncated) {
        String r = redactor.redact(text);
        if (truncated) {
            for (String secret : request.secrets().values()) {
                for (int k = Math.min(secret.length() - 1, r.length()); k >= 2; k--) {
                    if (r.endsWith(secret.substring(0, k))) {
                        r = r.substring(0, r.length() - k) + Redactor.MASK;
                        break;
                    }
                }
            }
        }
        return r;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
