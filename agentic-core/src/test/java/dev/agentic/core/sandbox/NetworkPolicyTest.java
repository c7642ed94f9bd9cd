package dev.agentic.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import org.junit.jupiter.api.Test;

class NetworkPolicyTest {
    @Test
    void hostWithoutPortIsAllowedOnDefaultPortsOnly() {
        NetworkPolicy p = NetworkPolicy.allow("API.Stripe.com.");

        assertThat(p.allows("api.stripe.com", 443)).isTrue();
        assertThat(p.allows("api.stripe.com", 80)).isTrue();
        assertThat(p.allows("api.stripe.com", 22)).isFalse();
    }

    @Test
    void hostsMatchExactlyNotBySuffix() {
        NetworkPolicy p = NetworkPolicy.allow("api.stripe.com");

        assertThat(p.allows("evil.api.stripe.com", 443)).isFalse();
        assertThat(p.allows("api.stripe.com.evil.example", 443)).isFalse();
    }

    @Test
    void explicitPortAllowsOnlyThatPort() {
        NetworkPolicy p = NetworkPolicy.allow("127.0.0.1:8123", "[::1]:9000");

        assertThat(p.allows("127.0.0.1", 8123)).isTrue();
        assertThat(p.allows("127.0.0.1", 443)).isFalse();
        assertThat(p.allows("::1", 9000)).isTrue();
    }

    @Test
    void urlsAndBadPortsAreRejectedWithTheAcceptedForm() {
        assertThatThrownBy(() -> HostPort.parse("https://api.stripe.com"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("host:port");
        assertThatThrownBy(() -> HostPort.parse("api.stripe.com:99999"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("1..65535");
    }

    @Test
    void noneAllowsNothing() {
        assertThat(NetworkPolicy.none().isNone()).isTrue();
        assertThat(NetworkPolicy.none().allows("api.stripe.com", 443)).isFalse();
    }
}
