package dev.agentic.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.secret.SecretException;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.testkit.aws.FakeSecretsManagerServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class SecretsManagerSecretProviderTest {
    private static final String STRIPE = "agentic-api-developer/stripe/test-key";

    private FakeSecretsManagerServer server;
    private SecretsManagerClient client;

    @BeforeEach
    void start() {
        server = FakeSecretsManagerServer.start();
        client = SecretsManagerClients.of(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private SecretsManagerSecretProvider provider(Duration ttl) {
        return SecretsManagerSecretProvider.builder()
                .client(client)
                .cacheTtl(ttl)
                .build();
    }

    @Test
    void aJsonSecretIsReadByNameOrArnWithAField() {
        server.putSecretString(STRIPE, "{\"api_key\":\"sk_test_1\"}");
        SecretsManagerSecretProvider secrets = provider(Duration.ZERO);

        assertThat(secrets.resolve(SecretRef.of(STRIPE, "api_key"))).isEqualTo("sk_test_1");
        assertThat(secrets.resolve(SecretRef.of(server.arn(STRIPE), "api_key"))).isEqualTo("sk_test_1");
        assertThat(server.requests())
                .extracting(FakeSecretsManagerServer.Request::secretId)
                .containsExactly(STRIPE, server.arn(STRIPE));
    }

    @Test
    void aVersionStageOrIdIsPassedOnAndSelectsThatVersion() {
        String first = server.putSecretString("rotated", "old-value");
        server.putSecretString("rotated", "new-value");
        SecretsManagerSecretProvider secrets = provider(Duration.ofMinutes(5));
        SecretRef current = SecretRef.of("rotated");

        assertThat(secrets.resolve(current)).isEqualTo("new-value");
        assertThat(secrets.resolve(
                        current.toBuilder().versionStage("AWSPREVIOUS").build()))
                .isEqualTo("old-value");
        assertThat(secrets.resolve(current.toBuilder().versionId(first).build()))
                .isEqualTo("old-value");
        assertThat(server.requests().get(1).versionStage()).contains("AWSPREVIOUS");
        assertThat(server.requests().get(2).versionId()).contains(first);
        assertThat(server.requests().get(0).versionStage()).isEqualTo(Optional.empty());
    }

    @Test
    void valuesAreCachedForTheTtlAndRefreshAsksAgain() {
        server.putSecretString("cached", "v1");
        SecretsManagerSecretProvider secrets = provider(Duration.ofMinutes(5));

        secrets.resolve(SecretRef.of("cached"));
        server.putSecretString("cached", "v2");
        assertThat(secrets.resolve(SecretRef.of("cached"))).isEqualTo("v1");
        secrets.refresh(SecretRef.of("cached"));

        assertThat(secrets.resolve(SecretRef.of("cached"))).isEqualTo("v2");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void throttlingIsRetriedAndThenAnswered() {
        server.putSecretString("busy", "value");
        server.failNext(2, "ThrottlingException", 400);

        assertThat(provider(Duration.ZERO).resolve(SecretRef.of("busy"))).isEqualTo("value");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void errorsNameTheSecretAndWhatToDoNeverTheValue() {
        server.putSecretString("denied", "sk_live_do_not_show");
        SecretsManagerSecretProvider secrets = provider(Duration.ZERO);

        server.failNext(1, "AccessDeniedException", 400);
        assertThatThrownBy(() -> secrets.resolve(SecretRef.of("denied")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("'denied'")
                .hasMessageContaining("secretsmanager:GetSecretValue")
                .hasMessageNotContaining("sk_live");
        server.failNext(1, "DecryptionFailure", 400);
        assertThatThrownBy(() -> secrets.resolve(SecretRef.of("denied"))).hasMessageContaining("kms:Decrypt");
        assertThatThrownBy(() -> secrets.resolve(SecretRef.of("missing")))
                .hasMessageContaining("'missing' was not found")
                .hasMessageContaining("ResourceNotFoundException");
        assertThatThrownBy(() -> secrets.resolve(SecretRef.builder()
                        .name("denied")
                        .versionStage("AWSPENDING")
                        .build()))
                .hasMessageContaining("not found with that version");
    }

    @Test
    void persistentThrottlingAndAnUnreachableServiceAreReportedAsSuch() {
        server.putSecretString("busy", "value");
        server.failNext(10, "ThrottlingException", 400);
        assertThatThrownBy(() -> provider(Duration.ZERO).resolve(SecretRef.of("busy")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("throttled or failed even after retries");

        server.close();
        assertThatThrownBy(() -> provider(Duration.ZERO).resolve(SecretRef.of("busy")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("Cannot reach Secrets Manager for secret 'busy'");
    }

    @Test
    void aBinarySecretIsRefusedWithAClearError() {
        server.putSecretBinary("cert", "bytes".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> provider(Duration.ZERO).resolve(SecretRef.of("cert")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("'cert' is binary")
                .hasMessageContaining("SecretString");
    }
}
