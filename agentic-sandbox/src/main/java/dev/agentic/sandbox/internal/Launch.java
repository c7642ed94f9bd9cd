package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.secret.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A started process tree with everything it owns: the run directory, the egress session and the run's
 * cgroup, as {@link SandboxLauncher} started it. Started for one request ({@link SandboxLauncher#forRequest}),
 * or ahead of demand ({@link SandboxLauncher#ahead}) with an empty program file and the gate closed: the sandbox is set up and its wrapper waits on stdin, and
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
    private final RunLimits plan;
    private final int uid;
    private final List<String> notes;
    private final boolean gated;
    private final Process process;
    /** Started by {@link SandboxLauncher#aheadInterpreter}: the program runs in an interpreter already started. */
    private final boolean pooledInterpreter;
    /** Handed to a request by {@link #assign}: started ahead of it. */
    private boolean assigned;
    /** Set by the pool that handed this sandbox out: lets its replacement start ({@link #runEnded()}). */
    private Runnable runEndHook;
    /** The sandbox init's host pid once bwrap has reported it (it never changes), else -1. */
    private long initPid = -1;

    Launch(
            RunContext ctx,
            RunDirectory dir,
            EgressSession egress,
            RunLimits plan,
            int uid,
            List<String> notes,
            boolean gated,
            boolean pooledInterpreter,
            Process process) {
        this.ctx = ctx;
        this.dir = dir;
        this.egress = egress;
        this.plan = plan;
        this.uid = uid;
        this.notes = notes;
        this.gated = gated;
        this.pooledInterpreter = pooledInterpreter;
        this.process = process;
    }

    /**
     * For a pooled interpreter: waits (blocking) until it reports that it has read its own code and imported
     * its modules, consuming that report from stdout; false when it ended first. Called before it joins the pool,
     * so that {@link #assign} never rewrites the program file before the interpreter has read it.
     */
    boolean awaitInterpreterReady() {
        try {
            return process.getInputStream().read() == 'R';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What the run writes to stdin before closing it: the environment as JSON for a pooled interpreter, the
     * wrapper's environment script for a gated sandbox, else nothing.
     */
    byte[] stdinFor(Map<String, String> env) {
        if (pooledInterpreter) {
            try {
                return env.isEmpty() ? new byte[0] : DriverChannel.JSON.writeValueAsBytes(env);
            } catch (IOException e) {
                throw new SandboxException("Cannot encode the run's environment: " + e.getMessage(), e);
            }
        }
        return gated && !env.isEmpty() ? EnvScript.of(env) : new byte[0];
    }

    /**
     * Hands a sandbox started {@link SandboxLauncher#ahead} to {@code request}: writes its program, starts its egress proxy
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
        assigned = true;
        notes.add(
                0,
                pooledInterpreter
                        ? "start-up: this program ran in a Python interpreter started ahead of the request in its "
                                + "own sandbox (LocalSandbox interpreterPool), used for this program only; its wall "
                                + "clock started with the request"
                        : "start-up: this sandbox was started ahead of the request (LocalSandbox prestart); its wall "
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
        long init = initPid();
        return init <= 0 || ProcTree.running(init);
    }

    Process process() {
        return process;
    }

    /** Sets what {@link #runEnded()} runs (once): the pool's replacement for this sandbox. */
    void onRunEnd(Runnable hook) {
        this.runEndHook = hook;
    }

    /** Tells the pool this sandbox came from that its program has ended; later calls do nothing. */
    void runEnded() {
        Runnable hook = runEndHook;
        runEndHook = null;
        if (hook != null) {
            hook.run();
        }
    }

    /** The host pid of the sandbox's init (pid 1 inside), or -1 while bwrap has not reported it. */
    long initPid() {
        if (initPid <= 0 && ctx.isolated()) {
            initPid = status().initPid();
        }
        return initPid;
    }

    /** Whether this sandbox was started ahead of its request (prestarted or a pooled interpreter). */
    boolean startedAhead() {
        return assigned;
    }

    RunDirectory dir() {
        return dir;
    }

    EgressSession egress() {
        return egress;
    }

    /** How the run's limits are enforced (null without isolation). */
    RunLimits plan() {
        return plan;
    }

    /** The run's cgroup, or null when the fallback enforces its limits (or without isolation). */
    RunGroup cgroup() {
        return plan == null ? null : plan.group();
    }

    /** The uid the run executes as, or -1 for this JVM's uid. */
    int uid() {
        return uid;
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
        long init = knownInit > 0 ? knownInit : initPid();
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
        RunGroup g = cgroup();
        if (g != null) {
            g.kill();
        }
    }

    /**
     * Deletes the run directory, closes the egress session, kills what is left in the run's cgroup and removes
     * it, and returns the run's uid to the pool once no process of the run is left.
     */
    @Override
    public void close() {
        runEnded();
        ctx.forget(process);
        closeQuietly(dir, egress, plan);
        ctx.uids().release(uid);
    }

    static void closeQuietly(RunDirectory dir, EgressSession egress, RunLimits cgroup) {
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
