package dev.agentic.testkit.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One session of {@link FakeAgentCoreServer}: its description, its interpreter, and the threads running calls
 * in it, which {@link #terminate()} interrupts. Thread-safe; calls run one at a time.
 */
final class FakeSession {
    final String id;
    final String identifier;
    final String name;
    final long timeoutSeconds;
    final Instant createdAt = Instant.now();
    private final long startNanos = System.nanoTime();
    private final Object callLock = new Object();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    volatile FakeInterpreter interpreter;
    private volatile boolean terminated;

    FakeSession(String id, String identifier, String name, long timeoutSeconds) {
        this.id = id;
        this.identifier = identifier;
        this.name = name;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Whether the session can take calls: not stopped, not expired (an expired one is terminated here). */
    boolean ready() {
        if (!terminated && System.nanoTime() - startNanos > timeoutSeconds * 1_000_000_000L) {
            terminate();
        }
        return !terminated;
    }

    /** Ends the session: interrupts calls in progress and closes the interpreter. Idempotent. */
    void terminate() {
        synchronized (this) {
            if (terminated) {
                return;
            }
            terminated = true;
        }
        running.forEach(Thread::interrupt);
        FakeInterpreter i = interpreter;
        if (i != null) {
            i.close();
        }
    }

    /** Runs {@code call} alone in this session; {@link #terminate()} interrupts it. */
    <T> T call(Callable<T> call) throws Exception {
        synchronized (callLock) {
            running.add(Thread.currentThread());
            try {
                if (terminated) {
                    throw new IllegalStateException("session " + id + " has terminated");
                }
                return call.call();
            } finally {
                running.remove(Thread.currentThread());
                Thread.interrupted(); // a terminate() that came late must not leak into the next request
            }
        }
    }

    ObjectNode describe() {
        return AwsWire.JSON
                .createObjectNode()
                .put("codeInterpreterIdentifier", identifier)
                .put("sessionId", id)
                .put("name", name)
                .put("createdAt", createdAt.toString())
                .put("sessionTimeoutSeconds", timeoutSeconds)
                .put("status", ready() ? "READY" : "TERMINATED");
    }
}
