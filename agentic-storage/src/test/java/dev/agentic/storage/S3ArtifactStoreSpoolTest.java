package dev.agentic.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.store.ArtifactMetadata;
import dev.agentic.core.store.ContentTypes;
import dev.agentic.core.store.KeyContext;
import dev.agentic.core.store.KeyLayout;
import dev.agentic.core.store.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** Nothing is lost while S3 is unreachable: retries, the spool, restarts, crashes mid-flush, the size cap. */
class S3ArtifactStoreSpoolTest {
    private static final Instant SAME_SECOND = Instant.parse("2026-01-12T07:07:04Z");

    @TempDir
    Path dir;

    private GatedS3 s3;
    private String bucket;

    @BeforeEach
    void start() throws Exception {
        s3 = new GatedS3();
        bucket = s3.newBucket();
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
    }

    private S3ArtifactStore store(Path spool) {
        return S3ArtifactStore.builder()
                .bucket(bucket)
                .client(s3.client)
                .bucketDefaultEncryption()
                .spoolDirectory(spool)
                .maxAttempts(2)
                .initialBackoff(Duration.ofMillis(10))
                .build();
    }

    /** What one workflow stores, as the orchestrator does: its program and its record, each with putNew. */
    private static Map<String, byte[]> recordWorkflow(S3ArtifactStore store, int n) {
        KeyContext context = KeyContext.builder()
                .integration("stripe")
                .description("Create a Stripe customer")
                .extension("py")
                .time(SAME_SECOND)
                .succeeded(n % 3 != 0)
                .build();
        ArtifactMetadata meta = ArtifactMetadata.builder()
                .userMetadata("integration", "stripe")
                .userMetadata("run-id", "run-" + n)
                .build();
        Map<String, byte[]> written = new LinkedHashMap<>();
        byte[] code = ("print(" + n + ")").getBytes(StandardCharsets.UTF_8);
        byte[] record = ("{\"run\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        written.put(
                store.putNew(
                        KeyLayout.standard().codeKey(context),
                        code,
                        meta.toBuilder().contentType(ContentTypes.PYTHON).build()),
                code);
        written.put(
                store.putNew(
                        KeyLayout.standard().recordKey(context),
                        record,
                        meta.toBuilder().contentType(ContentTypes.JSON).build()),
                record);
        return written;
    }

    @Test
    void twentyWorkflowsRecordedDuringAnOutageReachTheBucketAfterARestartWithTheirKeysAndBytes() throws Exception {
        Path spool = dir.resolve("spool");
        Map<String, byte[]> expected = new LinkedHashMap<>();
        s3.stop();
        S3ArtifactStore before = store(spool);
        for (int n = 0; n < 20; n++) {
            expected.putAll(recordWorkflow(before, n));
        }
        assertThat(expected).hasSize(40);
        assertThat(before.pending()).containsExactlyElementsOf(expected.keySet());
        before.close();

        s3.restart();
        try (S3ArtifactStore after = store(spool)) {
            assertThat(after.pending()).hasSize(40);
            after.put("health/check.txt", "ok".getBytes(StandardCharsets.UTF_8));

            assertThat(after.pending()).isEmpty();
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                assertThat(s3ObjectOf(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
            assertThat(after.list("")).hasSize(41);
            assertThat(after.read("executions/stripe/success_20260112_070704_2.json")
                            .orElseThrow()
                            .metadata()
                            .userMetadata())
                    .containsEntry("integration", "stripe");
        }
        assertThat(entryFiles(spool)).isEmpty();
    }

    @Test
    void aFlushInterruptedAfterItsUploadsIsRepeatedWithoutDuplicatesOrLosses() throws Exception {
        Path spool = dir.resolve("spool");
        Path crashed = dir.resolve("crashed");
        Map<String, byte[]> expected = new LinkedHashMap<>();
        s3.stop();
        try (S3ArtifactStore store = store(spool)) {
            for (int n = 0; n < 5; n++) {
                expected.putAll(recordWorkflow(store, n));
            }
            copy(spool, crashed);
            s3.restart();
            store.flush();
            assertThat(store.pending()).isEmpty();
        }
        List<String> afterFirstFlush =
                new ArrayList<>(store(dir.resolve("unused")).list(""));

        try (S3ArtifactStore restarted = store(crashed)) {
            assertThat(restarted.pending()).hasSize(10);
            restarted.flush();

            assertThat(restarted.pending()).isEmpty();
            assertThat(restarted.list("")).containsExactlyElementsOf(afterFirstFlush);
            assertThat(afterFirstFlush).containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
    }

    @Test
    void aKeyTakenWhileS3WasUnreachableSendsTheSpooledArtifactToTheNextVariant() throws Exception {
        try (S3ArtifactStore store = store(dir.resolve("spool"))) {
            s3.stop();
            assertThat(store.putIfAbsent("executions/x/r.json", "spooled".getBytes(StandardCharsets.UTF_8)))
                    .isTrue();
            assertThat(store.putIfAbsent("executions/x/r.json", "second".getBytes(StandardCharsets.UTF_8)))
                    .as("a pending write holds the key")
                    .isFalse();
            s3.restart();
            s3.client.putObject(r -> r.bucket(bucket).key("executions/x/r.json"), RequestBody.fromString("elsewhere"));

            store.flush();

            assertThat(new String(s3ObjectOf("executions/x/r.json"), StandardCharsets.UTF_8))
                    .isEqualTo("elsewhere");
            assertThat(new String(s3ObjectOf("executions/x/r_2.json"), StandardCharsets.UTF_8))
                    .isEqualTo("spooled");
        }
    }

    @Test
    void aPendingWriteIsReadBackBeforeItReachesS3() throws Exception {
        try (S3ArtifactStore store = store(dir.resolve("spool"))) {
            s3.stop();
            store.put("a/b.json", "{}".getBytes(StandardCharsets.UTF_8), ArtifactMetadata.of(ContentTypes.JSON));

            assertThat(store.read("a/b.json").orElseThrow().metadata().contentType())
                    .isEqualTo(ContentTypes.JSON);
            assertThat(store.pending()).containsExactly("a/b.json");
            assertThatThrownBy(store::flush)
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("1 writes remain in the spool")
                    .satisfies(
                            e -> assertThat(((StorageException) e).retryable()).isTrue());
            s3.restart();
        }
    }

    @Test
    void aFullSpoolRefusesTheWriteWithAClearErrorAndKeepsWhatItHas() throws Exception {
        try (S3ArtifactStore store = S3ArtifactStore.builder()
                .bucket(bucket)
                .client(s3.client)
                .bucketDefaultEncryption()
                .spoolDirectory(dir.resolve("spool"))
                .spoolMaxBytes(500)
                .maxAttempts(1)
                .build()) {
            s3.stop();
            store.put("a/1.txt", new byte[100]);
            store.put("a/2.txt", new byte[100]);

            assertThatThrownBy(() -> store.put("a/3.txt", new byte[100]))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("is full")
                    .hasMessageContaining("spoolMaxBytes")
                    .hasMessageContaining("a/3.txt");
            assertThat(store.pending()).containsExactly("a/1.txt", "a/2.txt");
            s3.restart();
            store.flush();
            assertThat(store.list("a/")).containsExactly("a/1.txt", "a/2.txt");
        }
    }

    @Test
    void aMissingBucketIsAnErrorNamingItNotASpooledWrite() {
        try (S3ArtifactStore store = S3ArtifactStore.builder()
                .bucket("no-such-bucket")
                .client(s3.client)
                .bucketDefaultEncryption()
                .spoolDirectory(dir.resolve("spool"))
                .build()) {
            assertThatThrownBy(() -> store.put("a/b.txt", new byte[1]))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("no-such-bucket")
                    .hasMessageContaining("Create bucket");
            assertThat(store.pending()).isEmpty();
        }
    }

    @Test
    void twoStoresCannotShareOneSpoolDirectory() {
        try (S3ArtifactStore first = store(dir.resolve("spool"));
                S3ArtifactStore second = store(dir.resolve("spool"))) {
            first.pending();

            assertThatThrownBy(second::pending)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("in use by another store");
        }
    }

    private byte[] s3ObjectOf(String key) {
        return s3.client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    private static List<Path> entryFiles(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.toString().endsWith(".entry")).toList();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".entry")).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
