package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.secret.Redactor;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts sandboxes: for each kind of {@link Launch} (a one-shot run, a sandbox or interpreter started ahead of
 * demand, a session's driver) it acquires a uid, plans the limits (cgroup or fallback), creates the run
 * directory and the egress session, builds the command line ({@link BwrapCommand}, or {@link Unisolated}
 * without isolation) and starts the process tree. What it acquired is released again when the start fails;
 * after that, the returned {@link Launch} owns it. Stateless and thread-safe.
 */
final class SandboxLauncher {
    private SandboxLauncher() {}

    /**
     * Starts the sandbox for {@code request}; {@code env} holds its variables and secrets, which are not
     * on the command line: the run writes them to stdin when {@link Launch#gated()}.
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
                redactor,
                false,
                false);
    }

    /**
     * Starts a sandbox ahead of demand for {@code language} under {@code limits}, without inputs; its program
     * file is empty and its wrapper holds the program until stdin is closed. With {@code network}, the egress
     * plumbing is in place (socket directory, forwarder listening inside) and {@link Launch#assign} starts the
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
                Redactor.of(List.of()),
                false,
                false);
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
        return start(ctx, language, driver, limits, List.of(), network, false, Map.of(), redactor, false, false);
    }

    /**
     * Starts a sandbox whose program is the Python {@code driver} (a session's supervisor) that starts an
     * interpreter for {@code language} itself: mounts, memory rlimits and the cgroup are {@code language}'s, and
     * {@code files} (the interpreter's own script) are mounted read-only beside the driver.
     */
    static Launch pythonDriverFor(
            RunContext ctx,
            Language language,
            String driver,
            List<InputFile> files,
            ExecutionLimits limits,
            NetworkPolicy network,
            Redactor redactor)
            throws IOException {
        return start(ctx, language, driver, limits, files, network, false, Map.of(), redactor, true, false);
    }

    /**
     * Starts a sandbox ahead of demand whose Python interpreter is already running ({@code pooled_interpreter.py}
     * as the program file): it has imported common standard modules and waits on stdin. {@link Launch#assign} writes
     * the program over the program file (the interpreter has read its own code by then), and the run sends the
     * environment as JSON ({@link Launch#stdinFor}) and closes stdin; the program then runs once and the interpreter
     * exits with its status.
     */
    static Launch aheadInterpreter(RunContext ctx, ExecutionLimits limits, boolean network) throws IOException {
        return start(
                ctx,
                Language.PYTHON,
                SessionProcess.POOLED_INTERPRETER,
                limits,
                List.of(),
                network ? null : NetworkPolicy.none(),
                false,
                Map.of(),
                Redactor.of(List.of()),
                false,
                true);
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
            Redactor redactor,
            boolean pythonDriver,
            boolean pooledInterpreter)
            throws IOException {
        List<String> notes = new ArrayList<>();
        RunLimits plan = null;
        RunDirectory dir = null;
        EgressSession egress = null;
        int uid = ctx.isolated() ? ctx.uids().acquire() : -1;
        try {
            plan = ctx.isolated() ? RunLimits.plan(ctx, language, limits, notes) : null;
            dir = RunDirectory.create(
                    ctx.scratchRoot(),
                    BwrapCommand.programFile(pythonDriver ? Language.PYTHON : language),
                    source,
                    inputs,
                    uid);
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
                        gated,
                        pythonDriver);
                BwrapCommand.PerRun perRun = new BwrapCommand.PerRun(
                        plan.procsFiles(), plan.prlimit(ctx.tools().prlimit()), plan.denyMemfd(), uid);
                argv = BwrapCommand.build(ctx.layout(), run, egress.socketInside(), egress.forwarderInside(), perRun);
                notes.addAll(ctx.enforcementNotes(limits, egress.active(), plan, uid));
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
            return new Launch(ctx, dir, egress, plan, uid, notes, gated, pooledInterpreter, p);
        } catch (IOException | RuntimeException e) {
            Launch.closeQuietly(dir, egress, plan);
            ctx.uids().release(uid);
            throw e;
        }
    }
}
