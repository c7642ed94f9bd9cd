package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.SandboxException;
import java.util.BitSet;

/**
 * The uids runs execute as when the JVM is root: each live run (and each prestarted sandbox) holds its own uid
 * from {@code [first, first + count)}, like a dynamic user, so no other run and no other host process shares
 * it; a uid returns to the pool when its run has ended and its processes are gone. With {@code count} 1 every
 * run shares {@code first}. Without root, {@link #acquire()} gives -1 (the JVM's own uid). Thread-safe.
 */
final class UidPool {
    private final int first;
    private final int count;
    private final BitSet used = new BitSet();
    private int next;

    UidPool(int first, int count) {
        this.first = first;
        this.count = count;
    }

    /** A free uid, or -1 when runs keep the JVM's uid. */
    synchronized int acquire() {
        if (first < 0) {
            return -1;
        }
        if (count == 1) {
            return first;
        }
        int i = used.nextClearBit(next);
        if (i >= count) {
            i = used.nextClearBit(0);
        }
        if (i >= count) {
            throw new SandboxException("All " + count + " sandbox uids from " + first + " are held by live runs; "
                    + "give LocalSandbox.builder().sandboxUids(first, count) a larger range.");
        }
        used.set(i);
        next = i + 1 >= count ? 0 : i + 1;
        return first + i;
    }

    /** Returns {@code uid} (from {@link #acquire()}) to the pool. */
    synchronized void release(int uid) {
        if (first >= 0 && count > 1 && uid >= first && uid - first < count) {
            used.clear(uid - first);
        }
    }

    /** Whether {@code uid} is one this pool hands out. */
    boolean contains(int uid) {
        return first >= 0 && uid >= first && uid - first < count;
    }
}
