package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.SandboxEnvironment;
import org.junit.jupiter.api.Test;

class EnvironmentProbeTest {

    @Test
    void probeOutputGivesTheRuntimeAndTheModulesSkippingAnythingThatIsNotAModuleName() {
        SandboxEnvironment env = EnvironmentProbe.parse("Python 3.11.2\nyaml\n\nnot a module\ncertifi\n");

        assertThat(env.runtime(Language.PYTHON)).contains("Python 3.11.2");
        assertThat(env.packages(Language.PYTHON)).containsExactly("certifi", "yaml");
    }

    @Test
    void emptyProbeOutputKnowsNothing() {
        assertThat(EnvironmentProbe.parse("").packagesKnown(Language.PYTHON)).isFalse();
    }
}
