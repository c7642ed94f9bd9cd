package dev.agentic.cli;

import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;
import dev.agentic.core.spi.SecretProviderFactory;
import dev.agentic.core.spi.SecretSource;
import java.util.Map;

/**
 * {@code testvault:NAME}: a second secret backend, registered on the test classpath only, holding
 * {@code payments/key = tv-secret-value}.
 */
public final class TestVaultSecretFactory implements SecretProviderFactory {
    static final String VALUE = "tv-secret-value";
    private static final SecretProvider VAULT = SecretProvider.fromMap(Map.of("payments/key", VALUE));

    @Override
    public String usage() {
        return "testvault:NAME  the tests' second secret backend";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.hasScheme(spec, "testvault");
    }

    @Override
    public SecretSource create(String spec, ProviderContext context) {
        return new SecretSource(VAULT, SecretRef.of(ProviderSpecs.argument(spec, "testvault")));
    }
}
