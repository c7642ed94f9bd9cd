package dev.agentic.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.AgenticException;
import dev.agentic.core.annotation.Stable;
import dev.agentic.core.store.Artifact;
import dev.agentic.core.store.ArtifactKeys;
import dev.agentic.core.store.ArtifactMetadata;
import dev.agentic.core.store.ArtifactPage;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.ContentTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ArtifactStore} must have. Extend it and implement {@link #newStore()} to
 * return a fresh, empty store; the suite runs against that store. Test methods are {@code protected}: an
 * implementation that cannot pass one overrides it, with {@code @Disabled("the reason")}.
 *
 * <pre>{@code
 * class MyStoreTest extends ArtifactStoreContract {
 *     protected ArtifactStore newStore() { return new MyStore(...); }
 * }
 * }</pre>
 */
@Stable
public abstract class ArtifactStoreContract {
    private static final ArtifactMetadata PYTHON_STRIPE = ArtifactMetadata.builder()
            .contentType(ContentTypes.PYTHON)
            .userMetadata("integration", "stripe")
            .userMetadata("status", "succeeded")
            .build();

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
    protected void putThenGetReturnsTheSameBytes() {
        store.put("generated/stripe/a.py", utf8("print('é')"));

        assertThat(read("generated/stripe/a.py")).isEqualTo("print('é')");
    }

    @Test
    protected void getOfAMissingKeyIsEmpty() {
        assertThat(store.get("executions/none/x.json")).isEmpty();
        assertThat(store.read("executions/none/x.json")).isEmpty();
    }

    @Test
    protected void putReplacesExistingContent() {
        store.put("a/b.txt", utf8("one"));
        store.put("a/b.txt", utf8("two"));

        assertThat(read("a/b.txt")).isEqualTo("two");
    }

    @Test
    protected void putIfAbsentWritesOnlyWhenTheKeyIsFreeAndNeverOverwrites() {
        assertThat(store.putIfAbsent("a/once.py", utf8("first"), PYTHON_STRIPE)).isTrue();
        assertThat(store.putIfAbsent("a/once.py", utf8("second"), ArtifactMetadata.of(ContentTypes.JSON)))
                .isFalse();

        Artifact stored = store.read("a/once.py").orElseThrow();
        assertThat(new String(stored.content(), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(stored.metadata()).isEqualTo(PYTHON_STRIPE);
    }

    @Test
    protected void concurrentPutIfAbsentCallersHaveExactlyOneWinnerPerKey() throws Exception {
        int writers = 16;
        List<String> keys = List.of("race/a.json", "race/b.json", "race/c.json");
        List<List<Boolean>> won = Concurrently.run(writers, n -> () -> {
            List<Boolean> mine = new ArrayList<>();
            for (String key : keys) {
                mine.add(store.putIfAbsent(
                        key,
                        utf8("writer " + n),
                        ArtifactMetadata.builder()
                                .contentType(ContentTypes.JSON)
                                .userMetadata("writer", String.valueOf(n))
                                .build()));
            }
            return mine;
        });

        for (int k = 0; k < keys.size(); k++) {
            List<Integer> winners = new ArrayList<>();
            for (int n = 0; n < writers; n++) {
                if (won.get(n).get(k)) {
                    winners.add(n);
                }
            }
            assertThat(winners).as("winners of %s", keys.get(k)).hasSize(1);
            Artifact stored = store.read(keys.get(k)).orElseThrow();
            assertThat(new String(stored.content(), StandardCharsets.UTF_8)).isEqualTo("writer " + winners.get(0));
            assertThat(stored.metadata().userMetadata()).containsEntry("writer", String.valueOf(winners.get(0)));
        }
        assertThat(store.list("race/")).containsExactlyElementsOf(keys);
    }

    @Test
    protected void putNewNeverOverwritesAndReturnsNumberedVariants() {
        String k1 = store.putNew("executions/x/success_20260101_000000.json", utf8("1"));
        String k2 = store.putNew("executions/x/success_20260101_000000.json", utf8("2"));
        String k3 = store.putNew("executions/x/success_20260101_000000.json", utf8("3"));

        assertThat(List.of(k1, k2, k3))
                .containsExactly(
                        "executions/x/success_20260101_000000.json",
                        "executions/x/success_20260101_000000_2.json",
                        "executions/x/success_20260101_000000_3.json");
        assertThat(read(k1)).isEqualTo("1");
        assertThat(read(k3)).isEqualTo("3");
    }

    @Test
    protected void manyArtifactsUnderOneKeyGetConsecutiveVariantsAndAKeyTakenElsewhereIsSkipped() {
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
    protected void concurrentPutNewCallersAllGetDistinctKeysWithTheirOwnContentAndMetadata() throws Exception {
        int writers = 16;
        int each = 5;
        List<List<String>> keys = Concurrently.run(writers, n -> () -> {
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                mine.add(store.putNew(
                        "executions/c/success_20260101_000000.json",
                        utf8("writer " + n),
                        ArtifactMetadata.builder()
                                .contentType(ContentTypes.JSON)
                                .userMetadata("writer", String.valueOf(n))
                                .build()));
            }
            return mine;
        });

        List<String> all = new ArrayList<>();
        keys.forEach(all::addAll);
        assertThat(all).doesNotHaveDuplicates().hasSize(writers * each);
        assertThat(store.list("executions/c/")).containsExactlyInAnyOrderElementsOf(all);
        for (int n = 0; n < writers; n++) {
            for (String k : keys.get(n)) {
                Artifact a = store.read(k).orElseThrow();
                assertThat(new String(a.content(), StandardCharsets.UTF_8)).isEqualTo("writer " + n);
                assertThat(a.metadata().userMetadata()).containsEntry("writer", String.valueOf(n));
            }
        }
    }

    @Test
    protected void listReturnsSortedKeysUnderThePrefixOnly() {
        store.put("generated/b/2.py", utf8("x"));
        store.put("generated/a/1.py", utf8("x"));
        store.put("executions/a/1.json", utf8("x"));

        assertThat(store.list("generated/")).containsExactly("generated/a/1.py", "generated/b/2.py");
        assertThat(store.list("gen")).containsExactly("generated/a/1.py", "generated/b/2.py");
        assertThat(store.list("")).hasSize(3);
        assertThat(store.list("nothing/")).isEmpty();
    }

    @Test
    protected void listingPagesThroughMoreThanAThousandKeysInOrder() {
        TreeSet<String> written = new TreeSet<>();
        for (int i = 0; i < 1_050; i++) {
            String key = String.format("executions/many/r_%04d.json", (i * 7919) % 1_050);
            store.put(key, utf8("{}"));
            written.add(key);
        }
        store.put("executions/other/z.json", utf8("{}"));

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        ArtifactPage page = store.list(r -> r.prefix("executions/many/").pageSize(400));
        while (true) {
            seen.addAll(page.keys());
            sizes.add(page.keys().size());
            if (page.nextToken().isEmpty()) {
                break;
            }
            String token = page.nextToken().get();
            page = store.list(r -> r.prefix("executions/many/").pageSize(400).continuationToken(token));
        }

        assertThat(seen).containsExactlyElementsOf(written);
        assertThat(sizes).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(400));
        assertThat(store.list(r -> r.prefix("executions/many/")).keys()).hasSize(1_000);
        assertThat(store.list("executions/many/")).containsExactlyElementsOf(written);
        assertThat(store.list("executions/")).hasSize(1_051);
    }

    @Test
    protected void aContinuationTokenContinuesAfterTheLastKeyOfItsPage() {
        for (String k : List.of("p/a", "p/b", "p/c", "p/d", "p/e")) {
            store.put(k, utf8(k));
        }

        ArtifactPage first = store.list(r -> r.prefix("p/").pageSize(2));
        ArtifactPage second = store.list(r ->
                r.prefix("p/").pageSize(2).continuationToken(first.nextToken().get()));

        assertThat(first.keys()).containsExactly("p/a", "p/b");
        assertThat(second.keys()).containsExactly("p/c", "p/d");
        String token = second.nextToken().orElseThrow();
        ArtifactPage last = store.list(r -> r.prefix("p/").pageSize(2).continuationToken(token));
        assertThat(last.keys()).containsExactly("p/e");
        assertThat(last.nextToken()).isEmpty();
    }

    @Test
    protected void metadataAndContentTypeRoundTrip() {
        Instant before = Instant.now();
        store.put("generated/stripe/a.py", utf8("print(1)"), PYTHON_STRIPE);
        Instant after = Instant.now();

        Artifact a = store.read("generated/stripe/a.py").orElseThrow();
        assertThat(a.key()).isEqualTo("generated/stripe/a.py");
        assertThat(a.content()).isEqualTo(utf8("print(1)"));
        assertThat(a.size()).isEqualTo(8);
        assertThat(a.metadata().contentType()).isEqualTo(ContentTypes.PYTHON);
        assertThat(a.metadata().userMetadata()).isEqualTo(Map.of("integration", "stripe", "status", "succeeded"));
        assertThat(a.lastModified()).isBetween(before.minusSeconds(5), after.plusSeconds(5));
    }

    @Test
    protected void writesWithoutMetadataReadBackTheDefaults() {
        store.put("a/plain.bin", utf8("x"));
        store.putIfAbsent("a/once.bin", utf8("x"));

        assertThat(store.read("a/plain.bin").orElseThrow().metadata()).isEqualTo(ArtifactMetadata.empty());
        assertThat(store.read("a/once.bin").orElseThrow().metadata().contentType())
                .isEqualTo(ContentTypes.OCTET_STREAM);
    }

    @Test
    protected void putReplacesTheMetadataWithTheContent() {
        store.put("a/r.json", utf8("1"), PYTHON_STRIPE);
        store.put("a/r.json", utf8("2"), ArtifactMetadata.of(ContentTypes.JSON));

        Artifact a = store.read("a/r.json").orElseThrow();
        assertThat(a.content()).isEqualTo(utf8("2"));
        assertThat(a.metadata()).isEqualTo(ArtifactMetadata.of(ContentTypes.JSON));
    }

    @Test
    protected void putNewStoresTheMetadataWithEachVariant() {
        String k1 = store.putNew("generated/s/a.py", utf8("1"), PYTHON_STRIPE);
        String k2 = store.putNew("generated/s/a.py", utf8("2"), ArtifactMetadata.of(ContentTypes.JAVA));

        assertThat(store.read(k1).orElseThrow().metadata()).isEqualTo(PYTHON_STRIPE);
        assertThat(store.read(k2).orElseThrow().metadata()).isEqualTo(ArtifactMetadata.of(ContentTypes.JAVA));
    }

    @Test
    protected void deleteRemovesTheMetadataToo() {
        store.put("a/m.py", utf8("x"), PYTHON_STRIPE);
        store.delete("a/m.py");
        store.putIfAbsent("a/m.py", utf8("x"));

        assertThat(store.read("a/m.py").orElseThrow().metadata()).isEqualTo(ArtifactMetadata.empty());
    }

    @Test
    protected void readersSeeOneWritesContentWithThatWritesMetadataNeverAMix() throws Exception {
        ArtifactMetadata one = ArtifactMetadata.builder()
                .contentType(ContentTypes.JSON)
                .userMetadata("v", "one")
                .build();
        ArtifactMetadata two = ArtifactMetadata.builder()
                .contentType(ContentTypes.JSON)
                .userMetadata("v", "two")
                .build();
        store.put("mix/r.json", utf8("\"one\""), one);
        AtomicBoolean writing = new AtomicBoolean(true);

        List<Integer> reads = Concurrently.run(4, n -> () -> {
            int count = 0;
            if (n == 0) {
                for (int i = 0; i < 300; i++) {
                    store.put("mix/r.json", utf8(i % 2 == 0 ? "\"two\"" : "\"one\""), i % 2 == 0 ? two : one);
                }
                writing.set(false);
                return count;
            }
            while (writing.get() || count == 0) {
                Artifact a = store.read("mix/r.json").orElseThrow();
                String content = new String(a.content(), StandardCharsets.UTF_8);
                assertThat(content).isIn("\"one\"", "\"two\"");
                assertThat("\"" + a.metadata().userMetadata().get("v") + "\"").isEqualTo(content);
                count++;
            }
            return count;
        });

        assertThat(reads.subList(1, reads.size())).allSatisfy(c -> assertThat(c).isPositive());
    }

    @Test
    protected void listingIncludesEveryValidKeyAndNothingElse() {
        List<String> keys = List.of(
                "a", "a.b/c", "x-y_z.1/2/3/4/5/deep.json", "generated/s/v.py", "generated/s/v_2.py", "UPPER/Case.TXT");
        for (String k : keys) {
            store.put(k, utf8(k), PYTHON_STRIPE);
        }
        store.putIfAbsent("generated/s/v.py", utf8("lost"), PYTHON_STRIPE);
        store.putNew("generated/s/v.py", utf8("new"));
        store.put("gone/soon.json", utf8("x"), PYTHON_STRIPE);
        store.delete("gone/soon.json");

        List<String> listed = store.list("");
        List<String> expected = new ArrayList<>(keys);
        expected.add("generated/s/v_3.py");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected).isSorted();
        assertThat(listed)
                .allSatisfy(k -> assertThat(ArtifactKeys.isValid(k)).as(k).isTrue());
        assertThat(store.list(r -> r.pageSize(1)).keys()).containsExactly(listed.get(0));
    }

    @Test
    protected void deleteRemovesAndReportsWhetherTheKeyExisted() {
        store.put("a/x.txt", utf8("x"));

        assertThat(store.delete("a/x.txt")).isTrue();
        assertThat(store.delete("a/x.txt")).isFalse();
        assertThat(store.get("a/x.txt")).isEmpty();
    }

    @Test
    protected void storedBytesAreNotAffectedByLaterChangesToTheCallersArray() {
        byte[] content = utf8("abc");
        store.put("a/y.txt", content);
        content[0] = 'z';

        assertThat(read("a/y.txt")).isEqualTo("abc");
    }

    @Test
    protected void keysThatEscapeOrAreMalformedAreRejectedWithAClearError() {
        for (String bad : List.of("../etc/passwd", "/abs/key", "a//b", "a/../b", ".hidden", "a/b/", "")) {
            assertThatThrownBy(() -> store.put(bad, utf8("x")))
                    .as("key '%s'", bad)
                    .isInstanceOf(AgenticException.class)
                    .hasMessageContaining("key");
            assertThatThrownBy(() -> store.putIfAbsent(bad, utf8("x")))
                    .as("key '%s'", bad)
                    .isInstanceOf(AgenticException.class)
                    .hasMessageContaining("key");
        }
    }
}
