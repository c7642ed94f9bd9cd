package dev.agentic.core.internal.spi;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;
import dev.agentic.core.spi.SecretProviderFactory;
import dev.agentic.core.spi.SecretSource;

/**
 * {@code env:VARIABLE[#FIELD]}: the value of this process's environment variable, or one field of the JSON
 * object it holds. Every source it creates shares one provider, so equal specs give equal sources. Thread-safe.
 */
public final class EnvironmentSecretFactory implements SecretProviderFactory {
    private static final String SCHEME = "env";

    private final SecretProvider environment = SecretProvider.environment();

    @Override
    public String usage() {
        return "env:VARIABLE[#FIELD]  an environment variable of this process (a JSON field of it with #FIELD)";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.hasScheme(spec, SCHEME);
    }

    @Override
    public SecretSource create(String spec, ProviderContext context) {
        String argument = ProviderSpecs.argument(spec, SCHEME);
        int hash = argument.indexOf('#');
        String name = hash < 0 ? argument : argument.substring(0, hash);
        if (name.isBlank()) {
            throw new ConfigurationException("Secret '" + spec + "' names no environment variable; write "
                    + "env:VARIABLE, e.g. env:STRIPE_KEY.");
        }
        if (hash < 0) {
            return new SecretSource(environment, SecretRef.of(name));
        }
        String field = argument.substring(hash + 1);
        if (field.isBlank()) {
            throw new ConfigurationException("Secret '" + spec + "' has an empty field after '#'; write "
                    + "env:VARIABLE#FIELD or drop the '#'.");
        }
        return new SecretSource(environment, SecretRef.of(name, field));
    }
}
