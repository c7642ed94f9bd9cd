package dev.agentic.core.internal.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.secret.SecretException;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.SecretSource;
import org.junit.jupiter.api.Test;

class EnvironmentSecretFactoryTest {
    private final EnvironmentSecretFactory factory = new EnvironmentSecretFactory();
    private final ProviderContext context = ProviderContext.defaults();

    @Test
    void envSpecResolvesTheVariableOfThisProcess() {
        String path = System.getenv("PATH");
        SecretSource source = factory.create("env:PATH", context);

        assertThat(source.ref()).isEqualTo(SecretRef.of("PATH"));
        assertThat(source.resolve()).isEqualTo(path);
    }

    @Test
    void hashSelectsAJsonField() {
        assertThat(factory.create("env:CREDS#api_key", context).ref()).isEqualTo(SecretRef.of("CREDS", "api_key"));
        assertThatThrownBy(() -> factory.create("env:CREDS#", context))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("empty field");
    }

    @Test
    void declinesOtherSchemes() {
        assertThat(factory.accepts("env:X")).isTrue();
        assertThat(factory.accepts("secretsmanager:id#field")).isFalse();
        assertThat(factory.accepts("environment:X")).isFalse();
        assertThat(factory.accepts("X")).isFalse();
    }

    @Test
    void missingVariableNameIsAConfigurationError() {
        assertThatThrownBy(() -> factory.create("env:", context))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("env:STRIPE_KEY");
    }

    @Test
    void unsetVariableFailsOnResolveNamingIt() {
        SecretSource source = factory.create("env:AGENTIC_SURELY_UNSET_VARIABLE", context);

        assertThatThrownBy(source::resolve)
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("AGENTIC_SURELY_UNSET_VARIABLE");
    }

    @Test
    void equalSpecsGiveEqualSources() {
        assertThat(factory.create("env:HOME", context)).isEqualTo(factory.create("env:HOME", context));
    }
}
