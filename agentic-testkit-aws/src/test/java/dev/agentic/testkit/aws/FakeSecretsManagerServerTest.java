package dev.agentic.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** The fake as the real 2.40.3 client sees it. */
class FakeSecretsManagerServerTest {
    private FakeSecretsManagerServer server;
    private SecretsManagerClient client;

    @BeforeEach
    void start() {
        server = FakeSecretsManagerServer.start();
        client = SecretsManagerClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void theRealClientParsesTextAndBinarySecretsWithTheirArnVersionAndStages() {
        String v1 = server.putSecretString("app/key", "one");
        server.putSecretBinary("app/cert", new byte[] {1, 2, 3});

        GetSecretValueResponse text = client.getSecretValue(r -> r.secretId("app/key"));
        GetSecretValueResponse binary = client.getSecretValue(r -> r.secretId(server.arn("app/cert")));

        assertThat(text.secretString()).isEqualTo("one");
        assertThat(text.arn()).isEqualTo(server.arn("app/key"));
        assertThat(text.versionId()).isEqualTo(v1);
        assertThat(text.versionStages()).containsExactly("AWSCURRENT");
        assertThat(text.createdDate()).isNotNull();
        assertThat(binary.secretString()).isNull();
        assertThat(Base64.getEncoder().encodeToString(binary.secretBinary().asByteArray()))
                .isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));
    }

    @Test
    void aNewVersionTakesAwsCurrentAndThePreviousOneMovesToAwsPrevious() {
        server.putSecretString("rotated", "old");
        server.putSecretString("rotated", "new");

        assertThat(client.getSecretValue(r -> r.secretId("rotated")).secretString())
                .isEqualTo("new");
        assertThat(client.getSecretValue(r -> r.secretId("rotated").versionStage("AWSPREVIOUS"))
                        .secretString())
                .isEqualTo("old");
        assertThat(server.requests().get(1).versionStage()).contains("AWSPREVIOUS");
    }

    @Test
    void errorsArriveAsTheModeledExceptionsAndScriptedOnesAreUsedOnce() {
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("missing")))
                .isInstanceOf(ResourceNotFoundException.class);
        server.putSecretString("k", "v");
        server.failNext(1, "DecryptionFailure", 400);

        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("k")))
                .isInstanceOf(DecryptionFailureException.class);
        assertThat(client.getSecretValue(r -> r.secretId("k")).secretString()).isEqualTo("v");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void itAnswersOnDaemonThreadsSoAServerLeftOpenDoesNotHoldTheJvm() {
        server.putSecretString("k", "v");

        assertThat(client.getSecretValue(r -> r.secretId("k")).secretString()).isEqualTo("v");

        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("fake-secretsmanager"))
                .toList();
        assertThat(threads).isNotEmpty().allMatch(Thread::isDaemon);
    }

    @Test
    void afterCloseTheEndpointRefusesRequests() {
        server.putSecretString("k", "v");
        assertThat(client.getSecretValue(r -> r.secretId("k")).secretString()).isEqualTo("v");

        server.close();

        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("k"))).isInstanceOf(SdkClientException.class);
        assertThat(server.requests()).hasSize(1);
    }
}
