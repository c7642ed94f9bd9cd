package dev.agentic.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.AgenticException;
import dev.agentic.core.store.ArtifactStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ArtifactStore} must have. Extend it and implement {@link #newStore()} to
 * return a fresh, empty store; the suite runs against that store.
 *
 * <pre>{@code
 * class MyStoreTest extends ArtifactStoreContract {
 *     protected ArtifactStore newStore() { return new MyStore(...); }
 * }
 * }</pre>
 */
public abstract class ArtifactStoreContract {

    /** A new, empty store for one test. */
    protected abstract ArtifactStore newStore() throws Exception;

    private ArtifactStore store;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String read(String key) {
        return new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void putThenGetReturnsTheSameBytes() {
        store.put("generated/stripe/a.py", utf8("print('é')"));

        assertThat(read("generated/stripe/a.py")).isEqualTo("print('é')");
    }

    @Test
    void getOfAMissingKeyIsEmpty() {
        assertThat(store.get("executions/none/x.json")).isEmpty();
    }

    @Test
    void putReplacesExistingContent() {
        store.put("a/b.txt", utf8("one"));
        store.put("a/b.txt", utf8("two"));

        assertThat(read("a/b.txt")).isEqualTo("two");
    }

    @Test
    void putNewNeverOverwritesAndReturnsNumberedVariants() {
        String k1 = store.putNew("executions/x/success_20260101_000000.json", utf8("1"));
        String k2 = store.putNew("executions/x/success_20260101_000000.json", utf8("2"));
        String k3 = store.putNew("executions/x/success_20260101_000000.json", utf8("3"));

        assertThat(List.of(k1, k2, k3)).containsExactly("executions/x/success_20260101_000000.json",
                "executions/x/success_20260101_000000_2.json", "executions/x/success_20260101_000000_3.json");
        assertThat(read(k1)).isEqualTo("1");
        assertThat(read(k3)).isEqualTo("3");
    }

    @Test
    void manyArtifactsUnderOneKeyGetConsecutiveVariantsAndAKeyTakenElsewhereIsSkipped() {
        store.put("executions/m/success_20260101_000000_3.json", utf8("written directly"));
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            keys.add(store.putNew("executions/m/success_20260101_000000.json", utf8("n" + i)));
        }

        assertThat(keys).doesNotHaveDuplicates().doesNotContain("executions/m/success_20260101_000000_3.json");
        assertThat(keys.get(0)).isEqualTo("executions/m/success_20260101_000000.json");
        assertThat(keys.get(49)).isEqualTo("executions/m/success_20260101_000000_51.json");
        assertThat(read("executions/m/success_20260101_000000_3.json")).isEqualTo("written directly");
    }

    @Test
    void concurrentPutNewCallersAllGetDistinctKeys() throws Exception {
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> keys = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                keys.add(pool.submit(() -> {
                    start.await();
                    return store.putNew("executions/c/success_20260101_000000.json", utf8("writer " + n));
                }));
            }
            start.countDown();
            Set<String> distinct = ConcurrentHashMap.newKeySet();
            for (Future<String> f : keys) {
                distinct.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(writers);
            assertThat(store.list("executions/c/")).hasSize(writers);
            for (String k : distinct) {
                assertThat(read(k)).startsWith("writer ");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listReturnsSortedKeysUnderThePrefixOnly() {
        store.put("generated/b/2.py", utf8("x"));
        store.put("generated/a/1.py", utf8("x"));
        store.put("executions/a/1.json", utf8("x"));

        assertThat(store.list("generated/")).containsExactly("generated/a/1.py", "generated/b/2.py");
        assertThat(store.list("")).hasSize(3);
        assertThat(store.list("nothing/")).isEmpty();
    }

    @Test
    void deleteRemovesAndReportsWhetherTheKeyExisted() {
        store.put("a/x.txt", utf8("x"));

        assertThat(store.delete("a/x.txt")).isTrue();
        assertThat(store.delete("a/x.txt")).isFalse();
        assertThat(store.get("a/x.txt")).isEmpty();
    }

    @Test
    void storedBytesAreNotAffectedByLaterChangesToTheCallersArray() {
        byte[] content = utf8("abc");
        store.put("a/y.txt", content);
        content[0] = 'z';

        assertThat(read("a/y.txt")).isEqualTo("abc");
    }

    @Test
    void keysThatEscapeOrAreMalformedAreRejectedWithAClearError() {
        for (String bad : List.of("../etc/passwd", "/abs/key", "a//b", "a/../b", ".hidden", "a/b/", "")) {
            assertThatThrownBy(() -> store.put(bad, utf8("x")))
                    .as("key '%s'", bad)
                    .isInstanceOf(AgenticException.class)
                    .hasMessageContaining("key");
        }
    }
}
