package dev.agentic.storage;

import dev.agentic.core.store.ArtifactStore;
import dev.agentic.testkit.contract.ArtifactStoreContract;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The artifact store contract against s3proxy, through the real S3 client, with a key prefix. s3proxy 2.6.0
 * ignores {@code If-None-Match}, so a {@link ConditionalWriteGate} answers conditional writes as S3 does; the
 * never-overwrite and one-winner cases therefore prove the store's use of conditional writes and its handling
 * of 412, not s3proxy's.
 */
class S3ArtifactStoreContractTest extends ArtifactStoreContract {
    private static GatedS3 s3;
    private S3ArtifactStore store;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = new GatedS3();
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    @Override
    protected ArtifactStore newStore() throws Exception {
        store = S3ArtifactStore.builder()
                .bucket(s3.newBucket())
                .prefix("tenant-a/records")
                .client(s3.client)
                .bucketDefaultEncryption()
                .spoolDirectory(Files.createTempDirectory("spool"))
                .build();
        return store;
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
