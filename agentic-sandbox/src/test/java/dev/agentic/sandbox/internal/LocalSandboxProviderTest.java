package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.testkit.node.TestNodes;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LocalSandboxProviderTest {

    @Test
    void localSpecFoundOnTheClasspathGivesALocalSandboxThatRuns() {
        ProviderContext context = ProviderContext.builder()
                .loopbackHost(HostPort.of("127.0.0.1", 8123))
                .build();
        try (Sandbox sandbox = ProviderLookup.sandboxes().create("local", context)) {
            assertThat(sandbox).isInstanceOf(LocalSandbox.class);
            assertThat(sandbox.execute(ExecutionRequest.builder()
                                    .code(new Code(Language.PYTHON, "print(1 + 1)"))
                                    .build())
                            .stdout())
                    .isEqualTo("2\n");
        }
    }

    @Test
    void declinesOtherSchemesAndRejectsAnArgument() {
        LocalSandboxProvider provider = new LocalSandboxProvider();

        assertThat(provider.accepts("local")).isTrue();
        assertThat(provider.accepts("agentcore:abc")).isFalse();
        assertThat(provider.accepts("localhost")).isFalse();
        assertThatThrownBy(() -> provider.create("local:fast", ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("takes no argument");
    }

    @Test
    void refusesSetUpCommandsItCannotRun() {
        ProviderContext context =
                ProviderContext.builder().setupCommand("pip install x").build();

        assertThatThrownBy(() -> new LocalSandboxProvider().create("local", context))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--setup");
    }

    @Test
    void contextsNodeExecutableIsTheNodeTheSandboxDeclaresLanguagesFor() throws IOException {
        // Stand-ins that only print a version: which one the sandbox probed shows in whether it declares TypeScript,
        // whatever node is on PATH.
        try (Sandbox old = ProviderLookup.sandboxes()
                        .create(
                                "local",
                                ProviderContext.builder()
                                        .nodeExecutable(TestNodes.fake("v20.1.0"))
                                        .build());
                Sandbox recent = ProviderLookup.sandboxes()
                        .create(
                                "local",
                                ProviderContext.builder()
                                        .nodeExecutable(TestNodes.fake("v24.9.0"))
                                        .build())) {
            assertThat(old.capabilities().languages())
                    .contains(Language.JAVASCRIPT)
                    .doesNotContain(Language.TYPESCRIPT);
            assertThat(recent.capabilities().languages()).contains(Language.JAVASCRIPT, Language.TYPESCRIPT);
        }
    }
}
