package dev.agentic.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String KEY = "sk_live/abc+123=xyz";

    @Test
    void masksTheRawValueAndItsEncodedForms() {
        Redactor r = Redactor.of(List.of(KEY));
        String b64 = Base64.getEncoder().encodeToString(KEY.getBytes(StandardCharsets.UTF_8));
        String url = URLEncoder.encode(KEY, StandardCharsets.UTF_8);

        assertThat(r.redact("raw " + KEY + " b64 " + b64 + " url " + url + " json sk_live\\/abc+123=xyz"))
                .isEqualTo("raw [REDACTED] b64 [REDACTED] url [REDACTED] json [REDACTED]");
    }

    @Test
    void longerValueContainingAShorterOneIsMaskedWhole() {
        Redactor r = Redactor.of(List.of("abcd", "abcdefgh"));

        assertThat(r.redact("x abcdefgh y abcd")).isEqualTo("x [REDACTED] y [REDACTED]");
    }

    @Test
    void tooShortValuesAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> Redactor.of(List.of("ab1")))
                .isInstanceOf(SecretException.class)
                .hasMessageNotContaining("ab1");
    }

    @Test
    void combinedRedactorsMaskBoth() {
        Redactor r = Redactor.of(List.of("first-secret")).and(Redactor.of(List.of("second-secret")));

        assertThat(r.redact("first-secret second-secret")).isEqualTo("[REDACTED] [REDACTED]");
        assertThat(r.containsSecret("nothing here")).isFalse();
    }

    @Test
    void jsonFieldIsSelectedFromAJsonSecretAndMissingFieldNamesTheSecretNotTheValue() {
        SecretProvider p = SecretProvider.fromMap(Map.of("stripe/test-key", "{\"api_key\":\"sk_test_123456\"}"));

        assertThat(p.resolve(SecretRef.of("stripe/test-key", "api_key"))).isEqualTo("sk_test_123456");
        assertThatThrownBy(() -> p.resolve(SecretRef.of("stripe/test-key", "other")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("stripe/test-key")
                .hasMessageContaining("other")
                .hasMessageNotContaining("sk_test_123456");
    }

    @Test
    void unsetEnvironmentSecretSaysHowToProvideIt() {
        SecretProvider p = SecretProvider.of(name -> null);

        assertThatThrownBy(() -> p.resolve(SecretRef.of("PAYMENTS_KEY")))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("export it");
    }
}
