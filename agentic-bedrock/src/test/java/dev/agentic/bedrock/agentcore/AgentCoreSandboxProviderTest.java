package dev.agentic.bedrock.agentcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code agentcore[:IDENTIFIER]} through the provider lookup, on the standard AWS settings (system properties here). */
class AgentCoreSandboxProviderTest {
    static final AgentCoreFixture FIXTURE = new AgentCoreFixture();
    private final Map<String, String> saved = new HashMap<>();

    @AfterAll
    static void close() {
        FIXTURE.close();
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @AfterEach
    void restore() {
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    private void standardSettings() {
        set("aws.region", "us-east-1");
        set("aws.accessKeyId", "AKIAFAKEFAKEFAKE1234");
        set("aws.secretAccessKey", "fake-secret");
        set("aws.endpointUrlBedrockAgentCore", FIXTURE.server.endpoint().toString());
    }

    @Test
    void agentcoreSpecRunsOnTheNamedInterpreterWithTheContextsSetUpCommands() {
        standardSettings();
        ProviderContext context =
                ProviderContext.builder().setupCommand("echo set > marker.txt").build();
        try (Sandbox sandbox = ProviderLookup.sandboxes().create("agentcore:my-interpreter-1", context)) {
            ExecutionResult r = sandbox.execute(ExecutionRequest.of(Code.python("print(open('marker.txt').read())")));

            assertThat(sandbox).isInstanceOf(AgentCoreSandbox.class);
            assertThat(r.stdout()).isEqualTo("set\n\n");
            assertThat(FIXTURE.server
                            .requests("executeCode")
                            .get(FIXTURE.server.requests("executeCode").size() - 1)
                            .identifier())
                    .isEqualTo("my-interpreter-1");
        }
    }

    @Test
    void plainAgentcoreUsesTheBuiltInInterpreterAndTheContextRegion() {
        standardSettings();
        System.clearProperty("aws.region");
        try (Sandbox sandbox = ProviderLookup.sandboxes()
                .create(
                        "agentcore",
                        ProviderContext.builder().region("eu-west-1").build())) {
            assertThat(((AgentCoreSandbox) sandbox).identifier()).isEqualTo(AgentCoreSandbox.DEFAULT_IDENTIFIER);
            assertThat(sandbox.execute(ExecutionRequest.of(Code.python("print(1)")))
                            .stdout())
                    .isEqualTo("1\n");
        }
    }

    @Test
    void missingRegionAndLoopbackDestinationsAreOneLineConfigurationErrors() {
        set("aws.accessKeyId", "AKIAFAKEFAKEFAKE1234");
        set("aws.secretAccessKey", "fake-secret");
        System.clearProperty("aws.region");

        assertThatThrownBy(() -> ProviderLookup.sandboxes().create("agentcore", ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("needs an AWS region");
        assertThatThrownBy(() -> ProviderLookup.sandboxes()
                        .create(
                                "agentcore",
                                ProviderContext.builder()
                                        .region("us-east-1")
                                        .loopbackHost(HostPort.of("127.0.0.1", 8123))
                                        .build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> ProviderLookup.sandboxes().create("agentcore:", ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("identifier");
    }

    @Test
    void aLocalNodeExecutableIsRefusedNotIgnored() {
        standardSettings();

        assertThatThrownBy(() -> ProviderLookup.sandboxes()
                        .create(
                                "agentcore",
                                ProviderContext.builder()
                                        .nodeExecutable(Path.of("/opt/node/bin/node"))
                                        .build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--node /opt/node/bin/node")
                .hasMessageContaining("--sandbox local");
    }
}
