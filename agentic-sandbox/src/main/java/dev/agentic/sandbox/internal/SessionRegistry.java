package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open sessions of one {@code LocalSandbox}: enforces the cap, counts them, ends those idle past their
 * timeout (checked every {@value #SWEEP_MILLIS} ms by one daemon thread, started with the first session) and
 * ends them all on {@link #close()}. Thread-safe.
 */
public final class SessionRegistry implements AutoCloseable {
    static final long SWEEP_MILLIS = 250;
    /** The languages a session can run. */
    static final Set<Language> SESSION_LANGUAGES = Set.of(Language.PYTHON, Language.JAVASCRIPT, Language.TYPESCRIPT);

    private final RunContext ctx;
    private final int max;
    private final Set<LocalSession> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    private ScheduledExecutorService sweeper;
    private int reserved;
    private boolean closed;

    public SessionRegistry(RunContext ctx, int max) {
        this.ctx = ctx;
        this.max = max;
    }

    /**
     * Opens and starts a session.
     *
     * @throws SandboxException when {@code max} sessions are open, or the session cannot start
     */
    public LocalSession open(SessionOptions options, String sandbox) {
        if (!SESSION_LANGUAGES.contains(options.language())) {
            throw new UnsupportedCapabilityException(
                    sandbox + " opens Python, JavaScript and TypeScript sessions only; "
                            + options.language().displayName() + " runs one program per execute() call here.",
                    Set.of(SandboxCapability.SESSIONS));
        }
        NodeLimits.checkNetwork(ctx, options.language(), options.network());
        synchronized (this) {
            if (closed) {
                throw new SandboxException("This LocalSandbox is closed; create a new one to open sessions.");
            }
            if (reserved >= max) {
                throw new SandboxException(sandbox + " has " + reserved + " open sessions, its limit; close one "
                        + "(SandboxSession.close()) or raise LocalSandbox.builder().maxSessions(n).");
            }
            reserved++;
            if (sweeper == null) {
                sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "agentic-sandbox-session-expiry");
                    t.setDaemon(true);
                    return t;
                });
                sweeper.scheduleWithFixedDelay(this::expire, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
        LocalSession s = new LocalSession("session-" + ids.incrementAndGet(), options, ctx, this::ended);
        open.add(s);
        try {
            s.start();
        } catch (RuntimeException e) {
            s.end("it could not start");
            throw e;
        }
        synchronized (this) {
            if (closed) {
                s.end("its sandbox was closed");
                throw new SandboxException("This LocalSandbox was closed while the session started.");
            }
        }
        return s;
    }

    private void ended(LocalSession s) {
        if (open.remove(s)) {
            synchronized (this) {
                reserved--;
            }
        }
    }

    /** Sessions open now (started, not closed or expired). */
    public int count() {
        return open.size();
    }

    private void expire() {
        long now = System.nanoTime();
        for (LocalSession s : open) {
            try {
                s.expireIfIdle(now);
            } catch (RuntimeException e) {
                // a session that cannot be torn down is retried at the next sweep
            }
        }
    }

    /** Ends every open session and stops the expiry thread. Idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            closed = true;
            s = sweeper;
        }
        if (s != null) {
            s.shutdownNow();
        }
        List<LocalSession> all = new ArrayList<>(open);
        for (LocalSession session : all) {
            session.end("its sandbox was closed");
        }
    }
}
