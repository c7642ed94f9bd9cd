package dev.agentic.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.secret.SecretException;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingSecretProviderTest {

    /** {@code vault:NAME[#FIELD]}: a second backend, holding fixed values. */
    static final class VaultFactory implements SecretProviderFactory {
        private final SecretProvider vault = SecretProvider.fromMap(Map.of("payments/prod", "{\"api_key\":\"v-123\"}"));

        @Override
        public String usage() {
            return "vault:NAME#FIELD  the test vault";
        }

        @Override
        public boolean accepts(String spec) {
            return ProviderSpecs.hasScheme(spec, "vault");
        }

        @Override
        public SecretSource create(String spec, ProviderContext context) {
            String[] parts = ProviderSpecs.argument(spec, "vault").split("#", 2);
            return new SecretSource(vault, SecretRef.of(parts[0], parts[1]));
        }
    }

    private ProviderLookup<SecretSource> lookup() {
        List<SpecProvider<SecretSource>> all =
                new ArrayList<>(ProviderLookup.secrets().providers());
        all.add(new VaultFactory());
        return ProviderLookup.of("--secret", all);
    }

    @Test
    void secretsOfTwoBackendsResolveThroughOneProvider() {
        ProviderLookup<SecretSource> secrets = lookup();
        SecretRef home = SecretRef.of("env:HOME");
        SecretRef vault = SecretRef.of("vault:payments/prod#api_key");
        SecretProvider routed = RoutingSecretProvider.builder()
                .route(home, secrets.create("env:HOME", ProviderContext.defaults()))
                .route(vault, secrets.create("vault:payments/prod#api_key", ProviderContext.defaults()))
                .build();

        assertThat(routed.resolve(home)).isEqualTo(System.getenv("HOME"));
        assertThat(routed.resolve(vault)).isEqualTo("v-123");
    }

    @Test
    void unroutedReferenceFailsNamingItAndTheRoutedOnes() {
        RoutingSecretProvider routed = RoutingSecretProvider.builder()
                .route(SecretRef.of("env:HOME"), lookup().create("env:HOME", ProviderContext.defaults()))
                .build();

        assertThatThrownBy(() -> routed.resolve(SecretRef.of("HOME")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("'HOME' has no route")
                .hasMessageContaining("env:HOME");
    }

    @Test
    void sameReferenceToTheSameSourceIsFineButToAnotherIsAnError() {
        ProviderLookup<SecretSource> secrets = lookup();
        SecretRef key = SecretRef.of("K");
        RoutingSecretProvider.Builder b = RoutingSecretProvider.builder()
                .route(key, secrets.create("env:HOME", ProviderContext.defaults()))
                .route(key, secrets.create("env:HOME", ProviderContext.defaults()));

        assertThat(b.build().routes()).hasSize(1);
        assertThatThrownBy(
                        () -> b.route(key, secrets.create("vault:payments/prod#api_key", ProviderContext.defaults())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'K' is already routed");
    }

    @Test
    void toBuilderKeepsTheRoutesAndToStringShowsNoValue() {
        RoutingSecretProvider routed = RoutingSecretProvider.builder()
                .route(
                        SecretRef.of("vault:payments/prod#api_key"),
                        lookup().create("vault:payments/prod#api_key", ProviderContext.defaults()))
                .build();

        assertThat(routed.toBuilder().build()).isEqualTo(routed).hasSameHashCodeAs(routed);
        assertThat(routed.toString()).contains("payments/prod").doesNotContain("v-123");
    }
}
