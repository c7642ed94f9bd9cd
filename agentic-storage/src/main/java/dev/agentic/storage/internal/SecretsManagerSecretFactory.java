package dev.agentic.storage.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;
import dev.agentic.core.spi.SecretProviderFactory;
import dev.agentic.core.spi.SecretSource;
import dev.agentic.storage.SecretsManagerSecretProvider;

/**
 * {@code secretsmanager:SECRET_ID[#FIELD]}: a secret of AWS Secrets Manager by name or ARN, or one field of the
 * JSON object it holds. Every source this factory creates shares one {@link SecretsManagerSecretProvider} with
 * a client from the standard AWS chain (so {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} applies), built on first
 * use and kept for the life of the process. Thread-safe.
 */
public final class SecretsManagerSecretFactory implements SecretProviderFactory {
    private static final String SCHEME = "secretsmanager";

    private SecretsManagerSecretProvider provider;

    @Override
    public String usage() {
        return "secretsmanager:SECRET_ID[#FIELD]  a secret of AWS Secrets Manager by name or ARN (a JSON field of it "
                + "with #FIELD)";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.hasScheme(spec, SCHEME);
    }

    @Override
    public SecretSource create(String spec, ProviderContext context) {
        String argument = ProviderSpecs.argument(spec, SCHEME);
        int hash = argument.lastIndexOf('#');
        String id = hash < 0 ? argument : argument.substring(0, hash);
        if (id.isBlank()) {
            throw new ConfigurationException("Secret '" + spec + "' names no secret; write secretsmanager:SECRET_ID, "
                    + "e.g. secretsmanager:agentic-api-developer/stripe/test-key#api_key.");
        }
        if (hash >= 0 && argument.substring(hash + 1).isBlank()) {
            throw new ConfigurationException("Secret '" + spec + "' has an empty field after '#'; write "
                    + "secretsmanager:SECRET_ID#FIELD or drop the '#'.");
        }
        SecretRef ref = hash < 0 ? SecretRef.of(id) : SecretRef.of(id, argument.substring(hash + 1));
        return new SecretSource(provider(), ref);
    }

    private synchronized SecretsManagerSecretProvider provider() {
        if (provider == null) {
            provider = SecretsManagerSecretProvider.builder().build();
        }
        return provider;
    }
}
