package dev.agentic.storage;

import dev.agentic.core.secret.SecretProvider;
import dev.agentic.testkit.aws.FakeSecretsManagerServer;
import dev.agentic.testkit.contract.SecretProviderContract;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The secret provider contract through the real client against {@link FakeSecretsManagerServer}. */
class SecretsManagerSecretProviderContractTest extends SecretProviderContract {
    private FakeSecretsManagerServer server;
    private SecretsManagerSecretProvider provider;

    @Override
    protected SecretProvider provider(Map<String, String> secrets) {
        server = FakeSecretsManagerServer.start();
        secrets.forEach(server::putSecretString);
        provider = SecretsManagerSecretProvider.builder()
                .client(SecretsManagerClients.of(server))
                .build();
        return provider;
    }

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }
}
