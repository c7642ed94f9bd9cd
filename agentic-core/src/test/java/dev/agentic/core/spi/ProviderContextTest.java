package dev.agentic.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.sandbox.HostPort;
import java.nio.file.Path;
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

    @Test
    void regionIsEmptyByDefaultAndKeptByToBuilder() {
        ProviderContext c = ProviderContext.builder().region("us-west-2").build();

        assertThat(ProviderContext.defaults().region()).isEmpty();
        assertThat(c.region()).contains("us-west-2");
        assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(c).isNotEqualTo(ProviderContext.defaults());
        assertThat(c.toString()).contains("region=us-west-2");
    }

    @Test
    void regionThatIsNotANameIsRejectedNamingTheField() {
        for (String bad : new String[] {"", " ", "us west 2", "us-west-2/", "-us", "us--west"}) {
            assertThatThrownBy(() -> ProviderContext.builder().region(bad).build())
                    .as(bad)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("ProviderContext.region")
                    .hasMessageContaining("us-west-2");
        }
        assertThatThrownBy(() -> ProviderContext.builder().region(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nodeExecutableIsEmptyByDefaultAndKeptByToBuilder() {
        ProviderContext c = ProviderContext.builder()
                .nodeExecutable(Path.of("/opt/node/bin/node"))
                .build();

        assertThat(ProviderContext.defaults().nodeExecutable()).isEmpty();
        assertThat(c.nodeExecutable()).contains(Path.of("/opt/node/bin/node"));
        assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(c).isNotEqualTo(ProviderContext.defaults());
        assertThat(c.toString()).contains("nodeExecutable=/opt/node/bin/node");
        assertThatThrownBy(() -> ProviderContext.builder().nodeExecutable(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void setupCommandsAreKeptInOrderByToBuilderAndPartOfEquality() {
        ProviderContext c = ProviderContext.builder()
                .setupCommand("pip install stripe==11.1.1")
                .setupCommand("echo ready")
                .build();

        assertThat(c.setupCommands()).containsExactly("pip install stripe==11.1.1", "echo ready");
        assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
        assertThat(c).isNotEqualTo(ProviderContext.defaults());
        assertThat(ProviderContext.defaults().setupCommands()).isEmpty();
        assertThatThrownBy(() -> ProviderContext.builder().setupCommand(" "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("setupCommand");
    }
}
