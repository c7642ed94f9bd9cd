package dev.agentic.storage.internal;

import dev.agentic.core.store.Artifact;
import dev.agentic.core.store.ArtifactKeys;
import dev.agentic.core.store.ArtifactMetadata;
import dev.agentic.core.store.ArtifactPage;
import dev.agentic.core.store.ListRequest;
import dev.agentic.core.store.StorageException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to S3 through {@link S3Objects} and keeps what S3 does not take in a {@link Spool}.
 *
 * <ul>
 *   <li>A write is tried up to {@code maxAttempts} times with exponential backoff; a write that still fails
 *       for a retryable reason (network, throttling, 5xx) goes to the spool, one that fails for another reason
 *       (access denied, no such bucket) is thrown.</li>
 *   <li>While the spool holds entries, every write first uploads them, oldest first, under one lock; when that
 *       fails the new write joins the spool behind them without waiting, so order is kept and an outage costs
 *       one backoff, not one per write.</li>
 *   <li>Uploading is idempotent, so a crash between an upload and the removal of its entry loses nothing and
 *       duplicates nothing: a PUT entry is written again (same bytes), and a CREATE entry (a
 *       {@code putIfAbsent}) that meets 412 reads the key and counts as uploaded when the key holds exactly its
 *       bytes and metadata; when the key holds something else (taken while S3 was unreachable) the entry goes
 *       to the key's next free variant and a warning names both keys.</li>
 * </ul>
 * Thread-safe.
 */
public final class SpoolingWriter {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolingWriter.class);
    private static final int MAX_VARIANTS = 10_000;

    private final S3Objects objects;
    private final Supplier<Spool> spool;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final ReentrantLock drainLock = new ReentrantLock();
    private volatile StorageException lastFailure;

    public SpoolingWriter(S3Objects objects, Supplier<Spool> spool, int maxAttempts, Duration initialBackoff) {
        this.objects = Objects.requireNonNull(objects, "objects");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.maxAttempts = maxAttempts;
        this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
    }

    /**
     * Writes, or spools when S3 keeps failing.
     *
     * @return for {@link Spool.Mode#CREATE}: false when the key is taken (in S3 or by a pending entry)
     */
    public boolean write(Spool.Mode mode, String key, byte[] content, ArtifactMetadata metadata) {
        Spool s = spool.get();
        if (!s.entries().isEmpty()) {
            drainLock.lock();
            try {
                if (!drain(s, 1)) {
                    return keep(s, mode, key, content, metadata, lastFailure);
                }
                return direct(s, mode, key, content, metadata);
            } finally {
                drainLock.unlock();
            }
        }
        return direct(s, mode, key, content, metadata);
    }

    private boolean direct(Spool s, Spool.Mode mode, String key, byte[] content, ArtifactMetadata metadata) {
        try {
            return retrying(() -> objects.put(key, content, metadata, mode == Spool.Mode.CREATE));
        } catch (StorageException e) {
            if (!e.retryable()) {
                throw e;
            }
            lastFailure = e;
            drainLock.lock();
            try {
                return keep(s, mode, key, content, metadata, e);
            } finally {
                drainLock.unlock();
            }
        }
    }

    private static boolean keep(
            Spool s, Spool.Mode mode, String key, byte[] content, ArtifactMetadata metadata, StorageException why) {
        boolean added = s.add(mode, key, content, metadata);
        if (added) {
            LOG.warn(
                    "Kept '{}' in the spool {} ({} writes pending) because S3 failed: {}",
                    key,
                    s.directory(),
                    s.entries().size(),
                    why == null ? "earlier writes are still pending" : why.getMessage());
        }
        return added;
    }

    /** The newest pending write of {@code key}, else the object in S3. */
    public Optional<Artifact> read(String key) {
        Optional<Artifact> pending = spool.get().latest(key);
        return pending.isPresent() ? pending : retrying(() -> objects.read(key));
    }

    /** One page of what S3 holds. */
    public ArtifactPage list(ListRequest request) {
        return retrying(() -> objects.list(request));
    }

    /** Deletes {@code key} after uploading what is pending, so a pending write cannot bring it back. */
    public boolean delete(String key) {
        Spool s = spool.get();
        drainLock.lock();
        try {
            if (!s.entries().isEmpty() && !drain(s, maxAttempts)) {
                throw new StorageException(
                        "Cannot delete '" + key + "' from " + objects.location() + " while "
                                + s.entries().size() + " earlier writes wait in the spool " + s.directory() + ": "
                                + lastFailure.getMessage(),
                        lastFailure,
                        true);
            }
            return retrying(() -> objects.delete(key));
        } finally {
            drainLock.unlock();
        }
    }

    /**
     * Uploads every pending entry, oldest first.
     *
     * @throws StorageException when some remain; the message says how many and why
     */
    public void flush() {
        Spool s = spool.get();
        drainLock.lock();
        try {
            if (!drain(s, maxAttempts)) {
                throw new StorageException(
                        s.entries().size() + " writes remain in the spool " + s.directory() + " because uploading to "
                                + objects.location() + " failed: " + lastFailure.getMessage(),
                        lastFailure,
                        lastFailure.retryable());
            }
        } finally {
            drainLock.unlock();
        }
    }

    /** The keys of the pending entries, oldest first. */
    public List<String> pending() {
        return spool.get().entries().stream().map(Spool.Entry::key).toList();
    }

    /** Uploads entries in order until one fails; returns whether none remain. Caller holds the drain lock. */
    private boolean drain(Spool s, int attempts) {
        for (Spool.Entry e : s.entries()) {
            try {
                retrying(attempts, () -> {
                    upload(s, e);
                    return null;
                });
            } catch (StorageException failed) {
                lastFailure = failed;
                if (!failed.retryable()) {
                    LOG.warn(
                            "Spooled write of '{}' in {} cannot be uploaded: {}",
                            e.key,
                            s.directory(),
                            failed.getMessage());
                }
                return false;
            }
            s.remove(e);
        }
        return true;
    }

    private void upload(Spool s, Spool.Entry e) {
        Spool.Loaded l = s.load(e);
        if (e.mode == Spool.Mode.PUT) {
            objects.put(e.key, l.content, l.metadata, false);
            return;
        }
        for (int n = 1; n <= MAX_VARIANTS; n++) {
            String candidate = ArtifactKeys.variant(e.key, n);
            if (objects.put(candidate, l.content, l.metadata, true)) {
                if (n > 1) {
                    LOG.warn(
                            "'{}' was taken while S3 was unreachable; the spooled artifact for it is stored at '{}'",
                            e.key,
                            candidate);
                }
                return;
            }
            Optional<Artifact> there = objects.read(candidate);
            if (there.isPresent()
                    && Arrays.equals(there.get().content(), l.content)
                    && there.get().metadata().equals(l.metadata)) {
                return;
            }
        }
        throw new StorageException("No free variant of '" + e.key + "' among " + MAX_VARIANTS + " in "
                + objects.location() + "; the entry stays in the spool " + s.directory() + ".");
    }

    private <T> T retrying(Supplier<T> call) {
        return retrying(maxAttempts, call);
    }

    private <T> T retrying(int attempts, Supplier<T> call) {
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (StorageException e) {
                if (!e.retryable() || attempt >= attempts) {
                    throw e;
                }
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(
                        "Interrupted while waiting to retry a write to " + objects.location(), e, true);
            }
            backoff = backoff.multipliedBy(2);
        }
    }
}
