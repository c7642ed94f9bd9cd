package dev.agentic.testkit.contract;

import dev.agentic.core.secret.EnvironmentSecretProvider;
import dev.agentic.core.secret.SecretProvider;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The secret provider contract against every provider in core. */
class SecretProvidersTest {

    @Nested
    class FromMap extends SecretProviderContract {
        @Override
        protected SecretProvider provider(Map<String, String> secrets) {
            return SecretProvider.fromMap(secrets);
        }
    }

    /** The environment provider over a lookup: a test cannot set this process's environment variables. */
    @Nested
    class EnvironmentStyle extends SecretProviderContract {
        @Override
        protected SecretProvider provider(Map<String, String> secrets) {
            Map<String, String> environment = Map.copyOf(secrets);
            return new EnvironmentSecretProvider(environment::get);
        }
    }

    @Nested
    class Caching extends SecretProviderContract {
        @Override
        protected SecretProvider provider(Map<String, String> secrets) {
            return SecretProvider.caching(SecretProvider.fromMap(secrets), Duration.ofMinutes(5));
        }
    }
}
