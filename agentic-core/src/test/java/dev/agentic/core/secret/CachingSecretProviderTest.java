package dev.agentic.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CachingSecretProviderTest {
    private static final String VALUE = "sk_live_cached_9f8e7d";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicInteger calls = new AtomicInteger();
    private final SecretProvider counting = ref -> {
        calls.incrementAndGet();
        return SecretProvider.fromMap(Map.of("stripe/key", "{\"api_key\":\"" + VALUE + "\"}", "other", "other-value"))
                .resolve(ref);
    };

    private CachingSecretProvider caching(SecretProvider delegate) {
        return CachingSecretProvider.builder()
                .delegate(delegate)
                .ttl(Duration.ofMinutes(5))
                .clock(clock)
                .build();
    }

    @Test
    void aValueIsServedFromTheCacheWithinTheTtl() {
        CachingSecretProvider cache = caching(counting);

        assertThat(cache.resolve(SecretRef.of("stripe/key", "api_key"))).isEqualTo(VALUE);
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(cache.resolve(SecretRef.of("stripe/key", "api_key"))).isEqualTo(VALUE);

        assertThat(calls).hasValue(1);
    }

    @Test
    void aValueIsFetchedAgainOnceTheTtlHasPassed() {
        CachingSecretProvider cache = caching(counting);
        cache.resolve(SecretRef.of("other"));

        clock.advance(Duration.ofMinutes(5));
        cache.resolve(SecretRef.of("other"));
        cache.resolve(SecretRef.of("other"));

        assertThat(calls).hasValue(2);
    }

    @Test
    void refsDifferingInFieldOrVersionAreCachedApart() {
        AtomicReference<List<SecretRef>> seen = new AtomicReference<>(new ArrayList<>());
        CachingSecretProvider cache = caching(ref -> {
            seen.get().add(ref);
            return "value-of-" + ref.versionStage().orElse("current");
        });
        SecretRef current = SecretRef.of("db");
        SecretRef previous = current.toBuilder().versionStage("AWSPREVIOUS").build();

        assertThat(cache.resolve(current)).isEqualTo("value-of-current");
        assertThat(cache.resolve(previous)).isEqualTo("value-of-AWSPREVIOUS");
        assertThat(cache.resolve(previous)).isEqualTo("value-of-AWSPREVIOUS");

        assertThat(seen.get()).containsExactly(current, previous);
    }

    @Test
    void concurrentCallersForOneRefCauseASingleDelegateCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CachingSecretProvider cache = caching(ref -> {
            calls.incrementAndGet();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return VALUE;
        });
        int callers = 12;
        AtomicInteger entered = new AtomicInteger();
        List<String> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Thread t = new Thread(() -> {
                entered.incrementAndGet();
                String v = cache.resolve(SecretRef.of("stripe/key"));
                synchronized (results) {
                    results.add(v);
                }
            });
            threads.add(t);
            t.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (entered.get() < callers || threads.stream().anyMatch(t -> t.getState() == Thread.State.RUNNABLE)) {
            assertThat(System.nanoTime()).as("callers parked in resolve").isLessThan(deadline);
            Thread.onSpinWait();
        }
        release.countDown();
        for (Thread t : threads) {
            t.join(30_000);
        }

        assertThat(calls).hasValue(1);
        assertThat(results).hasSize(callers).containsOnly(VALUE);
    }

    @Test
    void aFailureIsNotCachedAndTheNextCallFetchesAgain() {
        AtomicInteger attempt = new AtomicInteger();
        CachingSecretProvider cache = caching(ref -> {
            if (attempt.incrementAndGet() == 1) {
                throw new SecretException("Secret '" + ref + "' is unavailable right now.");
            }
            return VALUE;
        });

        assertThatThrownBy(() -> cache.resolve(SecretRef.of("flaky")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("flaky");
        assertThat(cache.resolve(SecretRef.of("flaky"))).isEqualTo(VALUE);
        assertThat(attempt).hasValue(2);
    }

    @Test
    void invalidateDropsAValueSoItIsFetchedAgain() {
        CachingSecretProvider cache = caching(counting);
        cache.resolve(SecretRef.of("other"));

        cache.invalidate(SecretRef.of("other"));
        cache.resolve(SecretRef.of("other"));
        cache.invalidateAll();
        cache.resolve(SecretRef.of("other"));

        assertThat(calls).hasValue(3);
    }

    @Test
    void beyondMaxEntriesTheValueExpiringFirstIsDropped() {
        CachingSecretProvider cache = CachingSecretProvider.builder()
                .delegate(counting)
                .ttl(Duration.ofMinutes(5))
                .maxEntries(1)
                .clock(clock)
                .build();
        cache.resolve(SecretRef.of("other"));
        clock.advance(Duration.ofSeconds(1));
        cache.resolve(SecretRef.of("stripe/key"));

        cache.resolve(SecretRef.of("stripe/key"));
        assertThat(calls).hasValue(2);
        cache.resolve(SecretRef.of("other"));
        assertThat(calls).hasValue(3);
    }

    @Test
    void toStringShowsNoValueAndTheBuilderNamesWhatIsMissing() {
        CachingSecretProvider cache = caching(counting);
        cache.resolve(SecretRef.of("stripe/key", "api_key"));

        assertThat(cache.toString())
                .doesNotContain(VALUE)
                .doesNotContain("stripe/key")
                .contains("PT5M");
        assertThatThrownBy(() -> CachingSecretProvider.builder()
                        .ttl(Duration.ofMinutes(1))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("delegate");
        assertThatThrownBy(() -> CachingSecretProvider.builder()
                        .delegate(counting)
                        .ttl(Duration.ZERO)
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ttl");
        assertThat(SecretProvider.caching(counting, Duration.ofSeconds(30)).resolve(SecretRef.of("other")))
                .isEqualTo("other-value");
    }

    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
