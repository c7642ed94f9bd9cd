package dev.agentic.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.store.ArtifactMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server-side encryption headers each store configuration sends with its writes, as the S3 front sees
 * them on the wire. s3proxy itself refuses these headers (501), so the front records and removes them; what
 * S3 does with them is S3's part.
 */
class S3ArtifactStoreEncryptionTest {
    private static GatedS3 s3;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = new GatedS3();
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    private static ConditionalWriteGate.Encryption write(S3ArtifactStore.Builder builder) throws Exception {
        try (S3ArtifactStore store = builder.bucket(s3.newBucket())
                .client(s3.client)
                .spoolDirectory(Files.createTempDirectory("spool"))
                .build()) {
            String key = store.putNew(
                    "executions/stripe/success_20260112_070704.json",
                    "{}".getBytes(StandardCharsets.UTF_8),
                    ArtifactMetadata.empty());
            assertThat(store.get(key))
                    .hasValueSatisfying(b ->
                            assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{}"));
            return s3.gate.lastEncryption();
        }
    }

    @Test
    void writesAskForAes256ByDefault() throws Exception {
        ConditionalWriteGate.Encryption seen = write(S3ArtifactStore.builder());

        assertThat(seen.algorithm()).isEqualTo("AES256");
        assertThat(seen.kmsKeyId()).isEmpty();
    }

    @Test
    void aKmsKeyIdAsksForSseKmsWithThatKey() throws Exception {
        ConditionalWriteGate.Encryption seen =
                write(S3ArtifactStore.builder().kmsKeyId("arn:aws:kms:us-east-1:111122223333:key/agentic"));

        assertThat(seen.algorithm()).isEqualTo("aws:kms");
        assertThat(seen.kmsKeyId()).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/agentic");
    }

    @Test
    void bucketDefaultEncryptionSendsNoHeader() throws Exception {
        ConditionalWriteGate.Encryption seen = write(S3ArtifactStore.builder().bucketDefaultEncryption());

        assertThat(seen.algorithm()).isEmpty();
        assertThat(seen.kmsKeyId()).isEmpty();
    }
}
