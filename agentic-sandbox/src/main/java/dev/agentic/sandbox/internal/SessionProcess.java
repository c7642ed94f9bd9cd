package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.InputFile;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.core.secret.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One sandbox running an in-sandbox driver (a session's supervisor, {@code session_driver.py}), started by the
 * same {@link Launch} as a one-shot run, with its control {@link DriverChannel} and a capped capture of the
 * driver's own diagnostics (its stderr; the program's output never goes there). Thread-safe;
 * {@link #destroy()} is idempotent and may be called from any thread, also while another thread uses the
 * channel.
 */
final class SessionProcess {
    /** The session's working directory inside the sandbox (the driver's file sits in its parent). */
    static final String WORKDIR = BwrapCommand.WORKDIR + "/work";

    static final String SESSION_DRIVER = load("session_driver.py");
    static final String POOLED_INTERPRETER = load("pooled_interpreter.py");
    static final String SESSION_INTERPRETER_JS = load(NodeSessionCommand.SCRIPT);

    private final RunContext ctx;
    private final Launch launch;
    private final DriverChannel channel;
    private final CappedCapture diagnostics;
    private boolean destroyed;

    private SessionProcess(RunContext ctx, Launch launch, DriverChannel channel, CappedCapture diagnostics) {
        this.ctx = ctx;
        this.launch = launch;
        this.channel = channel;
        this.diagnostics = diagnostics;
    }

    /**
     * Starts the sandbox and its driver, hands it {@code env} (plain variables and secrets, over the channel,
     * never on a command line) and waits until the interpreter for {@code language} is ready: the driver's own
     * fork for Python, {@code node} running {@code session_interpreter.js} for JavaScript and TypeScript.
     *
     * @throws SandboxException when the sandbox or the interpreter does not start within {@code startMillis}
     * @throws UnsupportedCapabilityException when the interpreter cannot run {@code language} (no Node.js, or
     *     one that cannot strip TypeScript types)
     */
    static SessionProcess start(
            RunContext ctx,
            Language language,
            ExecutionLimits limits,
            NetworkPolicy network,
            Map<String, String> env,
            Redactor redactor,
            long startMillis) {
        boolean node = language != Language.PYTHON;
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("env", env);
        Launch l;
        try {
            if (node) {
                init.put("interpreter", NodeSessionCommand.argv(ctx, language, limits));
                InputFile script = new InputFile(
                        NodeSessionCommand.SCRIPT, SESSION_INTERPRETER_JS.getBytes(StandardCharsets.UTF_8));
                l = SandboxLauncher.pythonDriverFor(
                        ctx, language, SESSION_DRIVER, List.of(script), limits, network, redactor);
            } else {
                l = SandboxLauncher.driver(ctx, Language.PYTHON, SESSION_DRIVER, limits, network, redactor);
            }
        } catch (IOException e) {
            throw new SandboxException("The session's sandbox could not start: " + e.getMessage(), e);
        }
        SessionProcess p;
        try {
            Process process = l.process();
            CappedCapture diag = new CappedCapture(process.getErrorStream(), 64 * 1024, () -> {});
            ctx.readers().execute(diag);
            p = new SessionProcess(ctx, l, new DriverChannel(process, ctx.readers()), diag);
        } catch (RuntimeException e) {
            destroy(l);
            throw new SandboxException("The session's sandbox could not start: " + e.getMessage(), e);
        }
        try {
            p.channel.sendJson('I', init);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(startMillis);
            DriverChannel.Frame f = p.channel.next(deadline);
            if (f == null || f.type() != 'Y') {
                String why = f == null ? "did not report ready within " + startMillis + " ms" : "ended while starting";
                String diag = p.diagnosticsTail(redactor);
                p.destroy();
                throw new SandboxException("The session's " + language.displayName() + " interpreter " + why
                        + (diag.isBlank() ? "" : ": " + diag)
                        + ". Check that a one-shot run works (LocalSandbox.execute) and that the host is not "
                        + "overloaded.");
            }
            if (f.json().hasNonNull("error")) {
                p.destroy();
                throw new UnsupportedCapabilityException(
                        "LocalSandbox cannot open a " + language.displayName() + " session: "
                                + redactor.redact(f.json().get("error").asText()) + ".",
                        Set.of(SandboxCapability.SESSIONS));
            }
            return p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new SandboxException("Interrupted while the session's interpreter started", e);
        }
    }

    DriverChannel channel() {
        return channel;
    }

    Launch launch() {
        return launch;
    }

    /**
     * Starts measuring one run against {@code limits} (CPU time from now, and the session's memory when no
     * cgroup limits it); {@code killer} ends the session's sandbox when a total goes over. Null when this
     * sandbox has no run limits plan (no isolation).
     */
    RunMeter meter(ExecutionLimits limits, Runnable killer) {
        return launch.plan() == null
                ? null
                : RunMeter.start(
                        ctx.meters(), limits, launch.cgroup(), launch.process().pid(), killer);
    }

    /** The limit a run's meter or the sandbox's cgroup counters show, or null. */
    Limit evidence(RunMeter meter, boolean killedByMeter) {
        if (meter == null) {
            return null;
        }
        if (killedByMeter) {
            return meter.limitHit();
        }
        Limit fromGroup = launch.plan().groupLimitHit();
        return fromGroup != null ? fromGroup : meter.limitHit();
    }

    /** The last lines the driver or bubblewrap wrote to the sandbox's stderr, redacted. */
    String diagnosticsTail(Redactor redactor) {
        String s = new String(diagnostics.bytes(), StandardCharsets.UTF_8).strip();
        if (s.length() > 600) {
            s = s.substring(s.length() - 600);
        }
        return redactor.redact(s);
    }

    /** The sandbox process's exit status once it has ended, else -1. */
    int exitValue() {
        Process p = launch.process();
        return p.isAlive() ? -1 : p.exitValue();
    }

    /** Kills the whole sandbox (the interpreter, its children, the tmpfs with the session's files). Idempotent. */
    void destroy() {
        synchronized (this) {
            if (destroyed) {
                return;
            }
            destroyed = true;
        }
        channel.closeInput();
        destroy(launch);
    }

    /** Kills a sandbox, waits until nothing of it runs (sweeping what outlives bwrap), and deletes it. */
    static void destroy(Launch l) {
        l.kill();
        try {
            l.process().waitFor(5, TimeUnit.SECONDS);
            l.awaitTreeDeath(-1, 1_000);
            l.sweep();
            l.awaitTreeDeath(-1, 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            l.sweep();
        }
        l.close();
    }

    private static String load(String name) {
        try (InputStream in = SessionProcess.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the agentic-sandbox jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + name + " from the agentic-sandbox jar", e);
        }
    }

    /**
     * Notes of the launch minus those a session states differently (CPU time and wall time, which are per run;
     * the launch's "whole run" means the whole session for memory and processes).
     */
    List<String> launchNotes() {
        return launch.notes().stream()
                .filter(n -> !n.startsWith("cpu") && !n.startsWith("wall time:"))
                .toList();
    }
}
