package dev.agentic.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRefTest {

    @Test
    void factoriesNameTheCurrentVersionAndShowNameAndField() {
        SecretRef whole = SecretRef.of("stripe/key");
        SecretRef field = SecretRef.of("stripe/key", "api_key");

        assertThat(whole.field()).isEmpty();
        assertThat(field.field()).contains("api_key");
        assertThat(field.versionId()).isEmpty();
        assertThat(field.versionStage()).isEmpty();
        assertThat(field.hasVersion()).isFalse();
        assertThat(whole).hasToString("stripe/key");
        assertThat(field).hasToString("stripe/key#api_key");
    }

    @Test
    void aVersionByIdOrStageIsKeptShownAndPartOfEquality() {
        SecretRef current = SecretRef.of("stripe/key", "api_key");
        SecretRef previous = current.toBuilder().versionStage("AWSPREVIOUS").build();
        SecretRef pinned =
                SecretRef.builder().name("stripe/key").versionId("a1b2c3").build();

        assertThat(previous.versionStage()).contains("AWSPREVIOUS");
        assertThat(previous)
                .hasToString("stripe/key#api_key (versionStage AWSPREVIOUS)")
                .isNotEqualTo(current);
        assertThat(pinned.versionId()).contains("a1b2c3");
        assertThat(pinned).hasToString("stripe/key (versionId a1b2c3)");
        assertThat(previous.toBuilder().build()).isEqualTo(previous).hasSameHashCodeAs(previous);
    }

    @Test
    void versionIdAndStageAreMutuallyExclusiveAndBlankPartsAreRefusedByName() {
        assertThatThrownBy(() -> SecretRef.builder()
                        .name("k")
                        .versionId("v1")
                        .versionStage("AWSCURRENT")
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> SecretRef.builder().name(" ").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SecretRef.name");
        assertThatThrownBy(() -> SecretRef.of("k", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SecretRef.field");
        assertThatThrownBy(() -> SecretRef.builder().name("k").versionStage("").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SecretRef.versionStage");
        assertThatThrownBy(SecretRef.builder()::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("SecretRef.name");
    }

    @Test
    void selectTakesTheWholeValueOrATextFieldWithoutShowingTheValue() {
        assertThat(SecretRef.of("k").select("raw-value-123")).isEqualTo("raw-value-123");
        assertThat(SecretRef.of("k", "a").select("{\"a\":\"value-a\"}")).isEqualTo("value-a");
        assertThatThrownBy(() -> SecretRef.of("k", "a").select("not json value-xyz"))
                .isInstanceOf(SecretException.class)
                .hasMessageNotContaining("value-xyz");
        assertThatThrownBy(() -> SecretRef.of("k", "a").select("{\"a\":{\"nested\":\"value-n\"}}"))
                .isInstanceOf(SecretException.class)
                .hasMessageNotContaining("value-n");
    }

    @Test
    void theEnvironmentProviderRefusesAVersionInsteadOfIgnoringIt() {
        SecretProvider env = SecretProvider.fromMap(Map.of("KEY", "value-1234"));

        assertThatThrownBy(() -> env.resolve(SecretRef.builder()
                        .name("KEY")
                        .versionStage("AWSPREVIOUS")
                        .build()))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("KEY")
                .hasMessageContaining("version")
                .hasMessageNotContaining("value-1234");
    }
}
