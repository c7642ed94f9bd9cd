package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.secret.Redactor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A started process tree with everything it owns: the run directory, the egress session and the run's
 * cgroup. Started for one request ({@link #forRequest}), or ahead of demand ({@link #ahead}) with an empty
 * program file and the gate closed: the sandbox is set up and its wrapper waits on stdin, and
 * {@link #writeProgram} fills the program file (the same inode that is bind-mounted read-only inside) just
 * before the run opens the gate. Either way the sandbox serves exactly one program.
 *
 * <p>{@link #close()} deletes the run directory, closes the egress session and removes the cgroup; the
 * process tree must be dead by then. Not thread-safe: owned by one run, or by the pool until taken.
 */
final class Launch implements AutoCloseable {
    /** How long {@link #awaitTreeDeath} polls every 0.1 ms before it polls every 2 ms. */
    private static final long FINE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final RunContext ctx;
    private final RunDirectory dir;
    private final EgressSession egress;
    private final RunCgroup cgroup;
    private final List<String> notes;
    private final boolean gated;
    private final Process process;

    private Launch(
            RunContext ctx,
            RunDirectory dir,
            EgressSession egress,
            RunCgroup cgroup,
            List<String> notes,
            boolean gated,
            Process process) {
        this.ctx = ctx;
        this.dir = dir;
        this.egress = egress;
        this.cgroup = cgroup;
        this.notes = notes;
        this.gated = gated;
        this.process = process;
    }

    /**
     * Starts the sandbox for {@code request}; {@code env} holds its variables and secrets, which are not
     * on the command line: the run writes them to stdin when {@link #gated()}.
     */
    static Launch forRequest(RunContext ctx, ExecutionRequest request, Map<String, String> env, Redactor redactor)
            throws IOException {
        boolean gated =
                ctx.isolated() && (!env.isEmpty() || !request.outputGlobs().isEmpty());
        return start(
                ctx,
                request.code().language(),
                request.code().source(),
                request.limits(),
                request.inputFiles(),
                request.network(),
                gated,
                env,
                redactor);
    }

    /**
     * Starts a sandbox ahead of demand for {@code language} under {@code limits}, without inputs; its program
     * file is empty and its wrapper holds the program until stdin is closed. With {@code network}, the egress
     * plumbing is in place (socket directory, forwarder listening inside) and {@link #assign} starts the
     * proxy with the request's policy; without, the network namespace stays empty.
     */
    static Launch ahead(RunContext ctx, Language language, ExecutionLimits limits, boolean network) throws IOException {
        return start(
                ctx,
                language,
                "",
                limits,
                List.of(),
                network ? null : NetworkPolicy.none(),
                true,
                Map.of(),
                Redactor.of(List.of()));
    }

    /**
     * Starts a sandbox whose program is {@code driver}, a long-lived in-sandbox driver (a session's supervisor
     * or a pooled interpreter) that talks to this JVM over the process's stdin and stdout. Same launch as a
     * one-shot run: namespaces, mounts, seccomp, rlimits, cgroup and egress; no wrapper, so stdin stays the
     * driver's. {@code network} null: egress plumbing prepared, proxy started later by
     * {@link EgressSession#start}.
     */
    static Launch driver(
            RunContext ctx,
            Language language,
            String driver,
            ExecutionLimits limits,
            NetworkPolicy network,
            Redactor redactor)
            throws IOException {
        return start(ctx, language, driver, limits, List.of(), network, false, Map.of(), redactor);
    }

    /** {@code network} null: egress prepared without a proxy (a prestarted sandbox with network). */
    private static Launch start(
            RunContext ctx,
            Language language,
            String source,
            ExecutionLimits limits,
            List<InputFile> inputs,
            NetworkPolicy network,
            boolean gated,
            Map<String, String> env,
            Redactor redactor)
            throws IOException {
        List<String> notes = new ArrayList<>();
        RunCgroup cgroup =
                ctx.isolated() && ctx.cgroup().usable() ? ctx.cgroup().createRun(limits, notes) : null;
        RunDirectory dir = null;
        EgressSession egress = null;
        try {
            dir = RunDirectory.create(
                    ctx.scratchRoot(),
                    BwrapCommand.programFile(language),
                    source,
                    inputs,
                    ctx.layout() == null ? -1 : ctx.layout().sandboxUid());
            egress = !ctx.isolated()
                    ? EgressSession.none()
                    : network == null ? ctx.egress().prepare(dir) : ctx.egress().open(network, dir, redactor);
            List<String> argv;
            if (ctx.isolated()) {
                BwrapCommand.Run run = new BwrapCommand.Run(
                        language,
                        dir.path(),
                        dir.inputNames(),
                        limits,
                        egress.socket(),
                        egress.forwarder(),
                        egress.environment(),
                        gated);
                argv = BwrapCommand.build(
                        ctx.layout(),
                        run,
                        egress.socketInside(),
                        egress.forwarderInside(),
                        cgroup == null ? null : cgroup.procs());
                notes.addAll(ctx.enforcementNotes(language, limits, egress.active(), cgroup));
            } else {
                argv = Unisolated.prepare(ctx, dir, language, limits, inputs);
                notes.add("isolation: NONE — the program ran as this JVM's user with full access to the host "
                        + "(explicit Isolation.NONE; development only)");
                notes.add("network: NOT restricted (Isolation.NONE ignores the network policy)");
                if (ctx.tools().prlimit() != null) {
                    notes.add("memory: " + MemoryLimit.note(language, limits.memoryBytes()));
                }
            }
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .directory(
                            ctx.isolated()
                                    ? new File("/")
                                    : dir.path().resolve("work").toFile());
            pb.environment().clear();
            if (!ctx.isolated()) {
                pb.environment().putAll(Unisolated.environment(dir, env));
            }
            Process p = ctx.start(pb);
            return new Launch(ctx, dir, egress, cgroup, notes, gated, p);
        } catch (IOException | RuntimeException e) {
            closeQuietly(dir, egress, cgroup);
            throw e;
        }
    }

    /**
     * Hands a sandbox started {@link #ahead} to {@code request}: writes its program, starts its egress proxy
     * with the request's policy when it has network, and notes that it was prestarted. On failure the sandbox
     * is killed and deleted, and the exception propagates.
     */
    void assign(ExecutionRequest request, Redactor redactor) {
        try {
            writeProgram(request.code().language(), request.code().source());
            if (!request.network().isNone()) {
                egress.start(request.network(), redactor);
            }
        } catch (RuntimeException e) {
            kill();
            close();
            throw e;
        }
        notes.add(
                0,
                "start-up: this sandbox was started ahead of the request (LocalSandbox prestart); its wall "
                        + "clock started with the request");
    }

    /**
     * Truncates and rewrites the empty program file in place, so the read-only bind mount inside shows the
     * new content. Safe because nothing runs before the gate.
     */
    private void writeProgram(Language language, String source) {
        try {
            Files.write(
                    dir.path().resolve(BwrapCommand.programFile(language)),
                    source.getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new SandboxException(
                    "Cannot write the program into the prestarted sandbox's run directory " + dir.path() + ": "
                            + e.getMessage() + ". Check that the scratch root has free space.",
                    e);
        }
    }

    /**
     * Whether the sandbox is still whole: bwrap runs (not a zombie this JVM has yet to reap) and so does the
     * sandbox's init, when bwrap has reported it.
     */
    boolean alive() {
        if (!process.isAlive() || !ProcTree.running(process.pid())) {
            return false;
        }
        long init = status().initPid();
        return init <= 0 || ProcTree.running(init);
    }

    Process process() {
        return process;
    }

    RunDirectory dir() {
        return dir;
    }

    EgressSession egress() {
        return egress;
    }

    /** The run's cgroup, or null when limits rely on rlimits alone. */
    RunCgroup cgroup() {
        return cgroup;
    }

    /** Notes for the result (which limit is enforced by what); the run adds its own. */
    List<String> notes() {
        return notes;
    }

    /** Whether the wrapper holds the program until stdin, carrying the environment script, is closed. */
    boolean gated() {
        return gated;
    }

    /** What bwrap reported so far (nothing without isolation). */
    BwrapStatus status() {
        return ctx.isolated() ? BwrapStatus.read(dir.path().resolve(BwrapCommand.STATUS_FILE)) : BwrapStatus.NONE;
    }

    /**
     * Kills what is left of this sandbox after bwrap was killed: every process in the sandbox's pid namespace
     * (bwrap reported it) and, for a sandbox init caught in bwrap's set-up before that report, every process
     * whose command line names the run directory. Returns whether any was found.
     */
    boolean sweep() {
        if (!ctx.isolated()) {
            return false;
        }
        BwrapStatus s = status();
        int n = s.pidNamespace() > 0 ? ProcTree.killPidNamespace(s.pidNamespace()) : 0;
        return n + ProcTree.killCommandLinesContaining(dir.path().toString()) > 0;
    }

    /**
     * Waits up to {@code millis} for the sandbox's init to be gone, and its pid namespace with it: the init
     * is {@code knownInit} when positive (found while the run opened the working directory), else the pid
     * bwrap reported. Without isolation, kills the process's descendants instead.
     */
    void awaitTreeDeath(long knownInit, long millis) throws InterruptedException {
        if (!ctx.isolated()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            return;
        }
        long init = knownInit > 0 ? knownInit : status().initPid();
        long begin = System.nanoTime();
        long until = begin + TimeUnit.MILLISECONDS.toNanos(millis);
        while (init > 0 && ProcTree.running(init) && System.nanoTime() < until) {
            // an exiting init is gone within a fraction of a millisecond: poll finely first, then back off
            if (System.nanoTime() - begin < FINE_POLL_NANOS) {
                LockSupport.parkNanos(100_000);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the sandbox to end");
                }
            } else {
                Thread.sleep(2);
            }
        }
    }

    /** Kills the process tree at once (bwrap, then the pid namespace with it; the cgroup too). */
    void kill() {
        if (!ctx.isolated()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        if (cgroup != null) {
            cgroup.kill();
        }
    }

    @Override
    public void close() {
        ctx.forget(process);
        closeQuietly(dir, egress, cgroup);
    }

    private static void closeQuietly(RunDirectory dir, EgressSession egress, RunCgroup cgroup) {
        if (egress != null) {
            egress.close();
        }
        if (dir != null) {
            dir.close();
        }
        if (cgroup != null) {
            cgroup.close();
        }
    }
}
