package dev.agentic.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.sandbox.HostPort;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderContextTest {

    @Test
    void defaultsHaveNoLoopbackHosts() {
        assertThat(ProviderContext.defaults().loopbackHosts()).isEmpty();
        assertThat(ProviderContext.defaults())
                .isEqualTo(ProviderContext.builder().build());
    }

    @Test
    void toBuilderKeepsEverySettingAndValuesCompareByContent() {
        ProviderContext c = ProviderContext.builder()
                .loopbackHost(HostPort.of("127.0.0.1", 8123))
                .build();
        ProviderContext more = c.toBuilder()
                .loopbackHosts(List.of(HostPort.of("localhost", 9000)))
                .build();

        assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(more.loopbackHosts())
                .containsExactly(HostPort.of("127.0.0.1", 8123), HostPort.of("localhost", 9000));
        assertThat(more).isNotEqualTo(c);
        assertThat(more.toString()).contains("127.0.0.1:8123");
    }

    @Test
    void loopbackHostWithoutAPortIsRejectedNamingTheField() {
        assertThatThrownBy(() -> ProviderContext.builder()
                        .loopbackHost(HostPort.parse("127.0.0.1"))
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ProviderContext.loopbackHosts")
                .hasMessageContaining("explicit port");
    }
}
