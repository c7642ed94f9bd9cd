package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes started ahead of demand, so that a run skips bubblewrap's set-up (namespaces, mounts, seccomp,
 * rlimits): each one is a complete, fresh sandbox whose wrapper waits on stdin, and it serves exactly one
 * program; background threads start replacements, up to {@link #parallelism} at once per kind (so that a burst
 * larger than the pool is soon covered again). The replacement for a sandbox that was taken starts when the run
 * it serves ends, or {@link #REFILL_DELAY} after it was taken if the run is still going: starting a sandbox
 * costs tens of milliseconds of CPU, which on a small machine would otherwise be taken from the very run the
 * pool is there to speed up. Sandboxes are kept per
 * {@link Kind}: language, and whether the egress plumbing is in place (the proxy itself, with the request's
 * allowlist, starts when the request comes). Only requests that need nothing else the sandbox must know at
 * set-up time can use one: limits equal to the pool's and no input files. Everything else starts cold, as
 * without the pool.
 *
 * <p>After {@value #MAX_FAILURES} failed or dead prestarts in a row the pool stops refilling and logs why;
 * runs then start cold. Thread-safe. {@link #close()} kills and deletes every idle sandbox.
 */
public final class WarmPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);
    static final int MAX_FAILURES = 3;
    /**
     * How long the replacement for a taken sandbox waits, at most, for the run it serves to end: longer than a
     * short pooled run takes, short enough that a replacement for a long run is ready about when it ends.
     */
    static final Duration REFILL_DELAY = Duration.ofMillis(25);

    private final RunContext ctx;
    private final ExecutionLimits limits;
    private final boolean interpreters;
    private final Map<Kind, Integer> sizes;
    private final Map<Kind, Deque<Launch>> idle = new HashMap<>();
    /** Starts in flight per kind. */
    private final Map<Kind, Integer> starting = new HashMap<>();
    /** Sandboxes taken per kind whose replacement waits for their run to end ({@link #REFILL_DELAY} at most). */
    private final Map<Kind, Integer> deferred = new HashMap<>();

    private final long refillDelayNanos;
    private final ScheduledThreadPoolExecutor timer;

    private final int parallelism;
    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor starter =
            new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "agentic-sandbox-prestart-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
    private int failuresInARow;
    private boolean stopped;

    /** What a prestarted sandbox is set up for: a language, with or without network. */
    public record Kind(Language language, boolean network) {
        static Kind of(ExecutionRequest request) {
            return new Kind(request.code().language(), !request.network().isNone());
        }

        String describe() {
            return language.displayName() + (network ? " sandbox with network" : " sandbox");
        }
    }

    /** Starts {@code sizes.get(kind)} sandboxes per kind in the background. */
    public WarmPool(RunContext ctx, Map<Kind, Integer> sizes, ExecutionLimits limits) {
        this(ctx, sizes, limits, false);
    }

    /**
     * Starts {@code sizes.get(kind)} per kind in the background: with {@code interpreters}, sandboxes whose
     * Python interpreter is already running ({@link SandboxLauncher#aheadInterpreter}; Python kinds only), else
     * sandboxes whose wrapper waits for the program ({@link SandboxLauncher#ahead}).
     */
    public WarmPool(RunContext ctx, Map<Kind, Integer> sizes, ExecutionLimits limits, boolean interpreters) {
        this(ctx, sizes, limits, interpreters, Runtime.getRuntime().availableProcessors(), REFILL_DELAY);
    }

    /**
     * As above, with at most {@code parallelism} starts in flight per kind, and replacements that wait up to
     * {@code refillDelay} for the run that took a sandbox to end.
     */
    WarmPool(
            RunContext ctx,
            Map<Kind, Integer> sizes,
            ExecutionLimits limits,
            boolean interpreters,
            int parallelism,
            Duration refillDelay) {
        this.interpreters = interpreters;
        this.refillDelayNanos = refillDelay.toNanos();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "agentic-sandbox-refill-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.ctx = ctx;
        this.limits = limits;
        this.sizes = Map.copyOf(sizes);
        this.parallelism = Math.max(1, parallelism);
        synchronized (this) {
            this.sizes.keySet().forEach(kind -> {
                idle.put(kind, new ArrayDeque<>());
                starting.put(kind, 0);
                deferred.put(kind, 0);
            });
        }
        this.sizes.keySet().forEach(this::refill);
    }

    /** How many starts of {@code kind} are in flight now (for tests). */
    synchronized int starting(Kind kind) {
        return starting.getOrDefault(kind, 0);
    }

    /** How many replacements of {@code kind} wait for the run that took a sandbox to end (for tests). */
    synchronized int deferred(Kind kind) {
        return deferred.getOrDefault(kind, 0);
    }

    /** How many sandboxes of every kind are ready now (for monitoring); 0 once closed. */
    public synchronized int idle() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    /** How many sandboxes of {@code kind} are ready now (for tests and monitoring). */
    synchronized int idle(Kind kind) {
        Deque<Launch> d = idle.get(kind);
        return d == null ? 0 : d.size();
    }

    /**
     * A prestarted, live sandbox for {@code request}, or null when the request cannot use one or none is
     * ready (the caller then starts one itself). The caller owns the result, and calls its
     * {@link Launch#runEnded()} when the program has ended, which lets the replacement start.
     */
    Launch take(ExecutionRequest request) {
        Kind kind = Kind.of(request);
        if (!sizes.containsKey(kind)
                || !request.limits().equals(limits)
                || !request.inputFiles().isEmpty()) {
            return null;
        }
        while (true) {
            Launch l;
            synchronized (this) {
                l = stopped ? null : idle.get(kind).pollFirst();
            }
            if (l == null) {
                return null;
            }
            Deferral replacement = defer(kind);
            if (l.alive()) {
                l.onRunEnd(replacement);
                return l;
            }
            replacement.run();
            discard(l, "a prestarted " + kind.describe() + " ended before it was used");
        }
    }

    /** Holds back one replacement of {@code kind} until the returned deferral runs, or the delay is over. */
    private Deferral defer(Kind kind) {
        Deferral d = new Deferral(kind);
        synchronized (this) {
            deferred.merge(kind, 1, Integer::sum);
        }
        try {
            d.timeout = timer.schedule(d, refillDelayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closed: nothing is refilled any more
        }
        return d;
    }

    /**
     * One replacement held back until the run that took a sandbox ends or the delay is over, whichever comes
     * first; running it more than once has no further effect. Thread-safe.
     */
    private final class Deferral implements Runnable {
        private final Kind kind;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile ScheduledFuture<?> timeout;

        Deferral(Kind kind) {
            this.kind = kind;
        }

        @Override
        public void run() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> t = timeout;
            if (t != null) {
                t.cancel(false);
            }
            synchronized (WarmPool.this) {
                deferred.merge(kind, -1, Integer::sum);
            }
            refill(kind);
        }
    }

    /**
     * Starts as many replacements for {@code kind} as are missing (replacements held back by a
     * {@link Deferral} count as present), keeping at most {@link #parallelism} (and
     * never more than are missing) in flight; each start that ends calls this again, so the pool tops itself up.
     */
    private void refill(Kind kind) {
        while (true) {
            synchronized (this) {
                int inFlight = starting.get(kind);
                int present = idle.get(kind).size() + inFlight + deferred.get(kind);
                if (stopped || inFlight >= parallelism || present >= sizes.get(kind)) {
                    return;
                }
                starting.put(kind, inFlight + 1);
            }
            try {
                starter.execute(() -> {
                    try {
                        startOne(kind);
                    } finally {
                        synchronized (this) {
                            starting.merge(kind, -1, Integer::sum);
                        }
                    }
                    refill(kind);
                });
            } catch (RejectedExecutionException e) {
                synchronized (this) {
                    starting.merge(kind, -1, Integer::sum);
                }
                return; // closed
            }
        }
    }

    private void startOne(Kind kind) {
        Launch l;
        try {
            l = interpreters
                    ? SandboxLauncher.aheadInterpreter(ctx, limits, kind.network())
                    : SandboxLauncher.ahead(ctx, kind.language(), limits, kind.network());
        } catch (RuntimeException | IOException e) {
            failed("cannot prestart a " + kind.describe() + ": " + e.getMessage());
            return;
        }
        if (interpreters && !l.awaitInterpreterReady()) {
            discard(l, "a pooled " + kind.describe() + " interpreter ended while starting");
            return;
        }
        boolean kept;
        synchronized (this) {
            kept = !stopped;
            if (kept) {
                idle.get(kind).addLast(l);
                failuresInARow = 0;
            }
        }
        if (!kept) {
            destroy(l);
        }
    }

    private void discard(Launch l, String why) {
        destroy(l);
        failed(why);
    }

    private void failed(String why) {
        boolean stopNow;
        synchronized (this) {
            failuresInARow++;
            stopNow = !stopped && failuresInARow >= MAX_FAILURES;
            if (stopNow) {
                stopped = true;
            }
        }
        if (stopNow) {
            LOG.warn(
                    "LocalSandbox stopped prestarting sandboxes after {} failures in a row ({}); runs start cold",
                    MAX_FAILURES,
                    why);
            drain().forEach(WarmPool::destroy);
        } else {
            LOG.info("{}; runs that find no prestarted sandbox start cold", why);
        }
    }

    private synchronized List<Launch> drain() {
        List<Launch> all = new ArrayList<>();
        idle.values().forEach(d -> {
            all.addAll(d);
            d.clear();
        });
        return all;
    }

    /** Kills an idle sandbox, waits until nothing of it runs (sweeping what outlives bwrap), deletes it. */
    private static void destroy(Launch l) {
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

    /** Stops refilling, then kills and deletes every idle sandbox. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            stopped = true;
        }
        timer.shutdownNow();
        // no interrupt: a prestart in flight finishes starting and then destroys its sandbox (stopped is set)
        starter.shutdown();
        try {
            if (!starter.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("A sandbox prestart did not finish within 15 s of close(); it is killed with the JVM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain().forEach(WarmPool::destroy);
    }
}
