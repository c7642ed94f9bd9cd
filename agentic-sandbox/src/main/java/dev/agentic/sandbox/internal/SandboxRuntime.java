package dev.agentic.sandbox.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SandboxEnvironment;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SandboxSession;
import dev.agentic.core.sandbox.SessionOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * What a {@code LocalSandbox} runs on once it is set up: the run slots, the prestarted sandboxes and pooled
 * interpreters, and the open sessions. The public class keeps only its API and builder and delegates here.
 *
 * <p>Thread-safe. The owning sandbox closes it, which ends every session and pooled sandbox and then the
 * shared {@link RunContext}.
 */
public final class SandboxRuntime implements AutoCloseable {
    private final RunContext context;
    private final Semaphore slots;
    private final SessionRegistry sessions;
    /** Set once by {@link #start} after the self-test passed; null without prestart. */
    private volatile WarmPool prestarted;
    /** Set once by {@link #start}; null without an interpreter pool. */
    private volatile WarmPool interpreters;

    private volatile SandboxEnvironment environment;

    public SandboxRuntime(RunContext context, int maxConcurrentRuns, int maxSessions) {
        this.context = context;
        this.slots = new Semaphore(maxConcurrentRuns, true);
        this.sessions = new SessionRegistry(context, maxSessions);
    }

    /** What a sandbox enforces, given its isolation and whether rlimits can be set; see the class description. */
    public static SandboxCapabilities capabilities(boolean isolated, boolean rlimits, Set<Language> languages) {
        SandboxCapabilities.Builder b = SandboxCapabilities.builder().languages(languages);
        if (isolated) {
            return b.allCapabilities().build();
        }
        b.capabilities(List.of(
                SandboxCapability.ENVIRONMENT,
                SandboxCapability.SECRETS,
                SandboxCapability.WALL_TIME_LIMIT,
                SandboxCapability.OUTPUT_LIMIT,
                SandboxCapability.INPUT_FILES,
                SandboxCapability.OUTPUT_FILES));
        if (rlimits) {
            b.capabilities(List.of(
                    SandboxCapability.MEMORY_LIMIT,
                    SandboxCapability.CPU_TIME_LIMIT,
                    SandboxCapability.FILE_SIZE_LIMIT,
                    SandboxCapability.OPEN_FILES_LIMIT));
        }
        return b.build();
    }

    /** The shared set-up of every run. */
    public RunContext context() {
        return context;
    }

    /**
     * Checks the builder's pool options before anything is set up: pools need isolation, and their limits must
     * be workable for each pooled language.
     *
     * @throws ConfigurationException naming the option to change
     */
    public static void checkPools(
            boolean isolated,
            Map<WarmPool.Kind, Integer> prestart,
            Map<WarmPool.Kind, Integer> interpreterPool,
            ExecutionLimits limits) {
        if ((!prestart.isEmpty() || !interpreterPool.isEmpty()) && !isolated) {
            throw new ConfigurationException("prestart and interpreterPool need Isolation.BUBBLEWRAP; remove "
                    + "prestart(...) and interpreterPool(...) for Isolation.NONE");
        }
        Set<WarmPool.Kind> pooled = new LinkedHashSet<>(prestart.keySet());
        pooled.addAll(interpreterPool.keySet());
        for (WarmPool.Kind kind : pooled) {
            long min = MemoryLimit.minimum(kind.language());
            if (limits.memoryBytes() < min) {
                throw new ConfigurationException("prestartLimits: memoryBytes " + limits.memoryBytes()
                        + " is below the smallest workable limit for "
                        + kind.language().displayName() + ", "
                        + min + " bytes; raise it or remove prestart(" + kind.language() + ", ...)");
            }
        }
    }

    /** Sets one pool's size in a builder's map; 0 removes it. */
    public static void setPoolSize(Map<WarmPool.Kind, Integer> sizes, WarmPool.Kind kind, int count) {
        if (count < 0 || count > 64) {
            throw new ConfigurationException("pool size must be between 0 and 64, was " + count);
        }
        if (count == 0) {
            sizes.remove(kind);
        } else {
            sizes.put(kind, count);
        }
    }

    /**
     * Finishes building {@code sandbox}: checks that it runs every prestarted language, runs the self-test,
     * then starts the pools (after the self-test, so a broken host fails the build instead of the pool). On
     * failure closes {@code sandbox} and rethrows.
     */
    public void start(
            Sandbox sandbox,
            Map<WarmPool.Kind, Integer> prestart,
            Map<WarmPool.Kind, Integer> interpreterPool,
            ExecutionLimits limits) {
        try {
            for (WarmPool.Kind kind : prestart.keySet()) {
                if (!context.languages().contains(kind.language())) {
                    throw new ConfigurationException("prestart(" + kind.language() + ", ...): this sandbox "
                            + "cannot run " + kind.language().displayName() + " (it runs "
                            + context.languages() + ")");
                }
            }
            SandboxSetup.selfTest(sandbox);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        if (!prestart.isEmpty()) {
            prestarted = new WarmPool(context, prestart, limits);
        }
        if (!interpreterPool.isEmpty()) {
            interpreters = new WarmPool(context, interpreterPool, limits, true);
        }
    }

    /** Runs one request once a slot is free; see {@link SandboxRun}. */
    public ExecutionResult execute(ExecutionRequest request) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("Interrupted while waiting for a free sandbox slot", e);
        }
        try {
            return new SandboxRun(context, prestarted, interpreters, request).execute();
        } finally {
            slots.release();
        }
    }

    /** The environment {@code probe} finds on the first call, kept for the sandbox's lifetime. */
    public SandboxEnvironment environment(Supplier<SandboxEnvironment> probe) {
        SandboxEnvironment e = environment;
        if (e == null) {
            synchronized (this) {
                e = environment;
                if (e == null) {
                    e = probe.get();
                    environment = e;
                }
            }
        }
        return e;
    }

    /** Opens a session; see {@link SessionRegistry#open}. */
    public SandboxSession openSession(SessionOptions options, String sandbox) {
        return sessions.open(options, sandbox);
    }

    /** How many sessions are open now. */
    public int openSessions() {
        return sessions.count();
    }

    /** How many pooled interpreters are started and waiting for a program now. */
    public int readyInterpreters() {
        WarmPool i = interpreters;
        return i == null ? 0 : i.idle();
    }

    /** How many prestarted sandboxes are set up and waiting for a program now. */
    public int readyPrestarted() {
        WarmPool p = prestarted;
        return p == null ? 0 : p.idle();
    }

    /** Ends every session, pooled interpreter and prestarted sandbox, then the shared context. Idempotent. */
    @Override
    public void close() {
        sessions.close();
        WarmPool i = interpreters;
        if (i != null) {
            i.close();
        }
        WarmPool p = prestarted;
        if (p != null) {
            p.close();
        }
        context.close();
    }
}
