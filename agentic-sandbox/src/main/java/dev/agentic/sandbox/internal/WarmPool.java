package dev.agentic.sandbox.internal;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionRequest;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes started ahead of demand, so that a run skips bubblewrap's set-up (namespaces, mounts, seccomp,
 * rlimits): each one is a complete, fresh sandbox whose wrapper waits on stdin, and it serves exactly one
 * program; background threads start replacements whenever one is taken, up to {@link #parallelism} at once per
 * kind (so that a burst larger than the pool is soon covered again). Sandboxes are kept per
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

    private final RunContext ctx;
    private final ExecutionLimits limits;
    private final boolean interpreters;
    private final Map<Kind, Integer> sizes;
    private final Map<Kind, Deque<Launch>> idle = new HashMap<>();
    /** Starts in flight per kind. */
    private final Map<Kind, Integer> starting = new HashMap<>();

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
     * Python interpreter is already running ({@link Launch#aheadInterpreter}; Python kinds only), else
     * sandboxes whose wrapper waits for the program ({@link Launch#ahead}).
     */
    public WarmPool(RunContext ctx, Map<Kind, Integer> sizes, ExecutionLimits limits, boolean interpreters) {
        this(ctx, sizes, limits, interpreters, Runtime.getRuntime().availableProcessors());
    }

    /** As above, with at most {@code parallelism} starts in flight per kind. */
    WarmPool(RunContext ctx, Map<Kind, Integer> sizes, ExecutionLimits limits, boolean interpreters, int parallelism) {
        this.interpreters = interpreters;
        this.ctx = ctx;
        this.limits = limits;
        this.sizes = Map.copyOf(sizes);
        this.parallelism = Math.max(1, parallelism);
        synchronized (this) {
            this.sizes.keySet().forEach(kind -> {
                idle.put(kind, new ArrayDeque<>());
                starting.put(kind, 0);
            });
        }
        this.sizes.keySet().forEach(this::refill);
    }

    /** How many starts of {@code kind} are in flight now (for tests). */
    synchronized int starting(Kind kind) {
        return starting.getOrDefault(kind, 0);
    }

    /** How many sandboxes of {@code kind} are ready now (for tests and monitoring). */
    synchronized int idle(Kind kind) {
        Deque<Launch> d = idle.get(kind);
        return d == null ? 0 : d.size();
    }

    /**
     * A prestarted, live sandbox for {@code request}, or null when the request cannot use one or none is
     * ready (the caller then starts one itself). The caller owns the result.
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
            refill(kind);
            if (l.alive()) {
                return l;
            }
            discard(l, "a prestarted " + kind.describe() + " ended before it was used");
        }
    }

    /**
     * Starts as many replacements for {@code kind} as are missing, keeping at most {@link #parallelism} (and
     * never more than are missing) in flight; each start that ends calls this again, so the pool tops itself up.
     */
    private void refill(Kind kind) {
        while (true) {
            synchronized (this) {
                int inFlight = starting.get(kind);
                if (stopped || inFlight >= parallelism || idle.get(kind).size() + inFlight >= sizes.get(kind)) {
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
                    ? Launch.aheadInterpreter(ctx, limits, kind.network())
                    : Launch.ahead(ctx, kind.language(), limits, kind.network());
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
