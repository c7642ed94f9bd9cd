package dev.agentic.core.secret;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * A {@link SecretProvider} that remembers what another one resolved, for a fixed time to live, so a remote
 * store (Secrets Manager) is asked once per secret and TTL rather than once per run.
 *
 * <pre>{@code
 * SecretProvider secrets = CachingSecretProvider.builder()
 *     .delegate(secretsManager)
 *     .ttl(Duration.ofMinutes(5))
 *     .build();                      // or SecretProvider.caching(secretsManager, Duration.ofMinutes(5))
 * }</pre>
 *
 * <ul>
 *   <li>Entries are keyed by the whole {@link SecretRef}: name, field and version, so {@code AWSCURRENT} and
 *       {@code AWSPREVIOUS} are cached apart.</li>
 *   <li>An entry fetched at {@code t} is served until {@code t + ttl} on the {@linkplain Builder#clock
 *       clock}, then fetched again. {@link #invalidate} and {@link #invalidateAll} drop entries early, for
 *       instance after a rotation.</li>
 *   <li>One fetch per ref at a time: callers that ask for a ref while it is being fetched wait for that
 *       fetch and share its outcome, so a burst of runs causes one delegate call.</li>
 *   <li>Failures are not cached: callers waiting on a failed fetch receive a {@link SecretException} with
 *       its message, and the next call fetches again.</li>
 *   <li>At most {@link Builder#maxEntries} values are kept; beyond that the one expiring first is dropped.</li>
 * </ul>
 *
 * <p>Thread-safe. Values are held in memory and never logged; {@link #toString()} shows no value. A wait
 * for another caller's fetch lasts as long as that fetch, so the delegate's own timeouts bound it. Holds no
 * resources; the delegate belongs to whoever created it.
 */
@Experimental
public final class CachingSecretProvider implements SecretProvider {
    private final SecretProvider delegate;
    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<SecretRef, CompletableFuture<Entry>> entries = new ConcurrentHashMap<>();

    private CachingSecretProvider(Builder b) {
        this.delegate = b.delegate;
        this.ttl = b.ttl;
        this.maxEntries = b.maxEntries;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String resolve(SecretRef ref) {
        Objects.requireNonNull(ref, "ref");
        while (true) {
            CompletableFuture<Entry> slot = entries.get(ref);
            if (slot == null) {
                CompletableFuture<Entry> mine = new CompletableFuture<>();
                if (entries.putIfAbsent(ref, mine) == null) {
                    return fetch(ref, mine);
                }
                continue;
            }
            if (!slot.isDone()) {
                return await(ref, slot);
            }
            Entry entry = valueOf(slot);
            if (entry != null && clock.instant().isBefore(entry.expires)) {
                return entry.value;
            }
            CompletableFuture<Entry> mine = new CompletableFuture<>();
            if (entries.replace(ref, slot, mine)) {
                return fetch(ref, mine);
            }
        }
    }

    /** Drops the cached value of {@code ref}, if any; the next call fetches it again. */
    public void invalidate(SecretRef ref) {
        CompletableFuture<Entry> slot = entries.get(Objects.requireNonNull(ref, "ref"));
        if (slot != null && slot.isDone()) {
            entries.remove(ref, slot);
        }
    }

    /** Drops every cached value. */
    public void invalidateAll() {
        entries.forEach((ref, slot) -> {
            if (slot.isDone()) {
                entries.remove(ref, slot);
            }
        });
    }

    private String fetch(SecretRef ref, CompletableFuture<Entry> mine) {
        String value;
        try {
            value = delegate.resolve(ref);
        } catch (RuntimeException | Error e) {
            entries.remove(ref, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        Entry entry = new Entry(value, clock.instant().plus(ttl));
        mine.complete(entry);
        if (entries.size() > maxEntries) {
            evict();
        }
        return value;
    }

    private String await(SecretRef ref, CompletableFuture<Entry> slot) {
        try {
            return slot.get().value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SecretException("Interrupted while waiting for secret '" + ref + "' to be fetched.", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SecretException) {
                throw new SecretException(cause.getMessage(), cause);
            }
            throw new SecretException(
                    "Secret '" + ref + "' could not be fetched: "
                            + cause.getClass().getSimpleName() + "; see the cause.",
                    cause);
        }
    }

    /** The fetched entry, or null while fetching or after a failed fetch (which is no longer in the map). */
    private static Entry valueOf(CompletableFuture<Entry> slot) {
        return slot.isDone() && !slot.isCompletedExceptionally() ? slot.join() : null;
    }

    /** Drops completed entries, those expiring first, until at most {@link #maxEntries} remain. */
    private void evict() {
        while (entries.size() > maxEntries) {
            Map.Entry<SecretRef, CompletableFuture<Entry>> first = null;
            Instant firstExpiry = null;
            for (Map.Entry<SecretRef, CompletableFuture<Entry>> e : entries.entrySet()) {
                Entry entry = valueOf(e.getValue());
                if (entry != null && (firstExpiry == null || entry.expires.isBefore(firstExpiry))) {
                    first = e;
                    firstExpiry = entry.expires;
                }
            }
            if (first == null) {
                return;
            }
            entries.remove(first.getKey(), first.getValue());
        }
    }

    /** Shows the settings and how many entries are held; never a value or a secret's name. */
    @Override
    public String toString() {
        return "CachingSecretProvider[ttl=" + ttl + ", " + entries.size() + "/" + maxEntries + " entries, delegate="
                + delegate + "]";
    }

    private static final class Entry {
        final String value;
        final Instant expires;

        Entry(String value, Instant expires) {
            this.value = value;
            this.expires = expires;
        }

        @Override
        public String toString() {
            return "Entry[expires " + expires + "]";
        }
    }

    /** Builder for {@link CachingSecretProvider}; not thread-safe. {@link #delegate} and {@link #ttl} are required. */
    public static final class Builder {
        private SecretProvider delegate;
        private Duration ttl;
        private int maxEntries = 1_000;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Required: the provider that really resolves secrets. */
        public Builder delegate(SecretProvider delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            return this;
        }

        /** Required: how long a fetched value is served, more than zero. */
        public Builder ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** The most values kept (default 1,000), at least 1. */
        public Builder maxEntries(int maxEntries) {
            this.maxEntries = maxEntries;
            return this;
        }

        /** The clock that measures the time to live (default the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws ConfigurationException naming the setting that is missing or out of range */
        public CachingSecretProvider build() {
            if (delegate == null) {
                throw new ConfigurationException("CachingSecretProvider needs a delegate; call delegate(provider) with "
                        + "the provider to cache (e.g. SecretProvider.environment()).");
            }
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new ConfigurationException("CachingSecretProvider.ttl must be more than zero, was " + ttl
                        + "; call ttl(Duration.ofMinutes(5)) or similar.");
            }
            if (maxEntries < 1) {
                throw new ConfigurationException(
                        "CachingSecretProvider.maxEntries must be at least 1, was " + maxEntries);
            }
            return new CachingSecretProvider(this);
        }
    }
}
