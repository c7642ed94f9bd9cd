package dev.agentic.storage;

import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.testkit.contract.ArtifactStoreContract;
import dev.agentic.testkit.contract.SecretProviderContract;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The artifact store and secret provider contracts against LocalStack ({@code -Plocalstack}, needs a Docker
 * engine): the same contracts the default build runs against s3proxy and the fake Secrets Manager, here with
 * LocalStack's own S3 (including its answer to conditional writes) and Secrets Manager.
 */
class LocalStackContractsTest {
    private static S3Client s3;
    private static SecretsManagerClient secretsManager;

    @BeforeAll
    static void startLocalStack() {
        s3 = LocalStackServer.s3();
        secretsManager = LocalStackServer.secretsManager();
    }

    @AfterAll
    static void closeClients() {
        if (s3 != null) {
            s3.close();
        }
        if (secretsManager != null) {
            secretsManager.close();
        }
    }

    @Nested
    class S3ArtifactStoreOnLocalStack extends ArtifactStoreContract {
        private S3ArtifactStore store;

        @Override
        protected ArtifactStore newStore() throws Exception {
            String bucket = "contract-" + UUID.randomUUID();
            s3.createBucket(r -> r.bucket(bucket));
            store = S3ArtifactStore.builder()
                    .bucket(bucket)
                    .prefix("tenant-a/records")
                    .client(s3)
                    .spoolDirectory(Files.createTempDirectory("spool"))
                    .build();
            return store;
        }

        @AfterEach
        void closeStore() {
            store.close();
        }
    }

    @Nested
    class SecretsManagerSecretProviderOnLocalStack extends SecretProviderContract {
        private final List<String> created = new ArrayList<>();
        private SecretsManagerSecretProvider provider;

        @Override
        protected SecretProvider provider(Map<String, String> secrets) {
            secrets.forEach((name, value) -> {
                secretsManager.createSecret(r -> r.name(name).secretString(value));
                created.add(name);
            });
            provider = SecretsManagerSecretProvider.builder()
                    .client(secretsManager)
                    .build();
            return provider;
        }

        @AfterEach
        void deleteSecrets() {
            provider.close();
            for (String name : created) {
                secretsManager.deleteSecret(r -> r.secretId(name).forceDeleteWithoutRecovery(true));
            }
        }
    }
}
