package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.SandboxEnvironment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocalSandboxEnvironmentTest {

    @Test
    void environmentNamesTheSandboxsPythonAndItsThirdPartyModulesAndIsWorkedOutOnce() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "--version")
                .redirectErrorStream(true)
                .start();
        String hostVersion = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();

        try (LocalSandbox sandbox = LocalSandbox.builder().build()) {
            SandboxEnvironment env = sandbox.environment().orElseThrow();

            assertThat(env.runtime(Language.PYTHON)).contains(hostVersion);
            assertThat(env.packagesKnown(Language.PYTHON)).isTrue();
            assertThat(env.packages(Language.PYTHON)).doesNotContain("json", "os", "urllib", "sys");
            assertThat(sandbox.environment().orElseThrow()).isSameAs(env);
        }
    }
}
