package dev.agentic.storage;

import dev.agentic.testkit.aws.FakeSecretsManagerServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Real Secrets Manager clients pointed at a {@link FakeSecretsManagerServer}. */
final class SecretsManagerClients {
    private SecretsManagerClients() {}

    static SecretsManagerClient of(FakeSecretsManagerServer server) {
        return SecretsManagerClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("id", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
