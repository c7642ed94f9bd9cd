package dev.agentic.sandbox.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Drains one output stream of a run on its own thread, keeping at most {@code cap} bytes. Past the cap it
 * marks the capture truncated, calls {@code onOverflow} once (which kills the run) and discards the rest
 * until end of stream, so the child never blocks on a full pipe. Thread-safe for the reads after
 * {@link #await}.
 */
public final class CappedCapture implements Runnable {
    private final InputStream in;
    private final long cap;
    private final Runnable onOverflow;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Object lock = new Object();
    private volatile boolean truncated;
    private volatile boolean done;

    public CappedCapture(InputStream in, long cap, Runnable onOverflow) {
        this.in = in;
        this.cap = cap;
        this.onOverflow = onOverflow;
    }

    @Override
    public void run() {
        byte[] buf = new byte[16384];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (lock) {
                    long room = cap - kept.size();
                    if (room > 0) {
                        kept.write(buf, 0, (int) Math.min(room, n));
                    }
                    if (n > room && !truncated) {
                        truncated = true;
                        onOverflow.run();
                    }
                }
            }
        } catch (IOException e) {
            // stream closed by the kill: keep what we have
        } finally {
            synchronized (lock) {
                done = true;
                lock.notifyAll();
            }
        }
    }

    /** Waits up to {@code millis} for end of stream; returns whether it was reached. */
    public boolean await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        synchronized (lock) {
            while (!done) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                lock.wait(left);
            }
            return true;
        }
    }

    public byte[] bytes() {
        synchronized (lock) {
            return kept.toByteArray();
        }
    }

    public boolean truncated() {
        return truncated;
    }
}
