package dev.agentic.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionOptionsTest {

    @Test
    void defaultsAreNoNetworkDefaultLimitsAndFifteenMinutesIdle() {
        SessionOptions o = SessionOptions.of(Language.PYTHON);

        assertThat(o.network().isNone()).isTrue();
        assertThat(o.limits()).isEqualTo(ExecutionLimits.defaults());
        assertThat(o.idleTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(o.environment()).isEmpty();
        assertThat(o.secrets()).isEmpty();
    }

    @Test
    void languageIsRequired() {
        assertThatThrownBy(() -> SessionOptions.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("language");
    }

    @Test
    void aNameSetAsBothEnvironmentAndSecretIsRefused() {
        assertThatThrownBy(() -> SessionOptions.builder()
                        .language(Language.PYTHON)
                        .environment("K", "a")
                        .secret("K", "b")
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("K");
    }

    @Test
    void nonPositiveIdleTimeoutIsRefused() {
        assertThatThrownBy(() -> SessionOptions.builder().idleTimeout(Duration.ZERO))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("idleTimeout");
    }

    @Test
    void toStringNeverShowsSecretValuesAndCopiesAreEqual() {
        SessionOptions o = SessionOptions.builder()
                .language(Language.PYTHON)
                .secret("API_KEY", "sk-very-secret")
                .environment("REGION", "eu")
                .network(NetworkPolicy.allow("example.com"))
                .limits(l -> l.wallTime(Duration.ofSeconds(5)))
                .idleTimeout(Duration.ofMinutes(2))
                .build();

        assertThat(o.toString()).contains("API_KEY").doesNotContain("sk-very-secret");
        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(o.toBuilder().idleTimeout(Duration.ofMinutes(3)).build()).isNotEqualTo(o);
    }

    @Test
    void sessionRequestHasAnOptionalTimeoutThatMustBePositive() {
        SessionRequest plain = SessionRequest.of(Code.python("x = 1"));
        SessionRequest timed = plain.toBuilder().timeout(Duration.ofSeconds(3)).build();

        assertThat(plain.timeout()).isEmpty();
        assertThat(timed.timeout()).contains(Duration.ofSeconds(3));
        assertThat(timed).isNotEqualTo(plain);
        assertThat(timed.toBuilder().build()).isEqualTo(timed).hasSameHashCodeAs(timed);
        assertThatThrownBy(() -> SessionRequest.builder().timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> SessionRequest.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("code");
    }
}
