package dev.agentic.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProviderSpecsTest {

    @Test
    void schemeIsTheUriLikePrefixBeforeTheFirstColon() {
        assertThat(ProviderSpecs.scheme("s3://bucket/prefix")).contains("s3");
        assertThat(ProviderSpecs.scheme("scripted:a.md,b.md")).contains("scripted");
        assertThat(ProviderSpecs.scheme("secretsmanager:payments/prod#api_key")).contains("secretsmanager");
        assertThat(ProviderSpecs.scheme("file:")).contains("file");
    }

    @Test
    void pathsAndBareWordsHaveNoScheme() {
        assertThat(ProviderSpecs.scheme("local")).isEmpty();
        assertThat(ProviderSpecs.scheme("agentic-runs")).isEmpty();
        assertThat(ProviderSpecs.scheme("./runs:old")).isEmpty();
        assertThat(ProviderSpecs.scheme("/tmp/runs")).isEmpty();
        assertThat(ProviderSpecs.scheme("C:\\runs"))
                .as("a drive letter is not a scheme")
                .isEmpty();
        assertThat(ProviderSpecs.scheme("")).isEmpty();
        assertThat(ProviderSpecs.scheme(":x")).isEmpty();
    }

    @Test
    void hasSchemeMatchesTheWholeSchemeIgnoringCase() {
        assertThat(ProviderSpecs.hasScheme("local", "local")).isTrue();
        assertThat(ProviderSpecs.hasScheme("LOCAL", "local")).isTrue();
        assertThat(ProviderSpecs.hasScheme("local:x", "local")).isTrue();
        assertThat(ProviderSpecs.hasScheme("localhost", "local")).isFalse();
        assertThat(ProviderSpecs.hasScheme("loc", "local")).isFalse();
        assertThat(ProviderSpecs.hasScheme("", "local")).isFalse();
    }

    @Test
    void argumentIsEverythingAfterTheSchemeColon() {
        assertThat(ProviderSpecs.argument("scripted:a.md,b.md", "scripted")).isEqualTo("a.md,b.md");
        assertThat(ProviderSpecs.argument("file:C:\\runs", "file")).isEqualTo("C:\\runs");
        assertThat(ProviderSpecs.argument("scripted:", "scripted")).isEmpty();
        assertThat(ProviderSpecs.argument("local", "local")).isEmpty();
        assertThatThrownBy(() -> ProviderSpecs.argument("docker:x", "local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docker:x");
    }

    @Test
    void providerNameForMessagesFallsBackToTheTextBeforeTheColon() {
        assertThat(ProviderSpecs.providerName("acme:large")).isEqualTo("acme");
        assertThat(ProviderSpecs.providerName("docker")).isEqualTo("docker");
        assertThat(ProviderSpecs.providerName("x:y")).isEqualTo("x");
    }
}
