package dev.agentic.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two starting policies: standard is a lint, strict a gate that packages are added to by name. */
class ValidationPolicyTest {

    @Test
    void strictIsAGateAndStandardIsNot() {
        assertThat(ValidationPolicy.strict().isGate()).isTrue();
        assertThat(ValidationPolicy.strict().importMode()).isEqualTo(ValidationPolicy.ImportMode.ALLOWLIST);
        assertThat(ValidationPolicy.standard().isGate()).isFalse();
    }

    @Test
    void strictAllowsSafeMembersOfAModuleButNotTheModuleWhole() {
        ValidationPolicy strict = ValidationPolicy.strict();
        assertThat(strict.allowedImports()).contains("os.environ", "os.path", "json", "java.nio.file", "java.net.http");
        assertThat(strict.allowedImports()).doesNotContain("os", "sys", "typing.get_type_hints", "java.lang.reflect");
        assertThat(ValidationPolicy.matchesNameOrParent("os.path.join", strict.allowedImports()))
                .isTrue();
        assertThat(ValidationPolicy.matchesNameOrParent("os.system", strict.allowedImports()))
                .isFalse();
    }

    @Test
    void strictDeniesConfigurationLoadersBelowWhatItAllows() {
        ValidationPolicy strict = ValidationPolicy.strict();
        assertThat(strict.deniedImports()).contains("logging.config", "java.beans", "javax.xml.transform");
        assertThat(strict.deniedCalls()).contains("java.lang.System.setProperty");
    }

    @Test
    void allowModulesAddsThePackagesOfAnEnvironmentAndKeepsTheGate() {
        ValidationPolicy gate = ValidationPolicy.strict().toBuilder()
                .allowModules("requests", "pandas")
                .build();
        assertThat(gate.isGate()).isTrue();
        assertThat(gate.allowedImports()).contains("requests", "pandas", "json");
        assertThat(gate.deniedImports()).isEqualTo(ValidationPolicy.strict().deniedImports());
        assertThat(gate).isNotEqualTo(ValidationPolicy.strict());
        assertThat(gate.toBuilder().build()).isEqualTo(gate);
    }

    @Test
    void aNameMatchesItselfAndItsDottedParentsButNotASiblingWithTheSamePrefix() {
        Set<String> names = Set.of("os", "urllib.request");

        assertThat(ValidationPolicy.matchesNameOrParent("os", names)).isTrue();
        assertThat(ValidationPolicy.matchesNameOrParent("os.path.join", names)).isTrue();
        assertThat(ValidationPolicy.matchesNameOrParent("urllib.request.urlopen", names))
                .isTrue();
        assertThat(ValidationPolicy.matchesNameOrParent("osx", names)).isFalse();
        assertThat(ValidationPolicy.matchesNameOrParent("urllib", names)).isFalse();
        assertThat(ValidationPolicy.matchesNameOrParent("urllib.parse", names)).isFalse();
        assertThat(ValidationPolicy.matchesNameOrParent("", names)).isFalse();
        assertThat(ValidationPolicy.matchesNameOrParent("os", Set.of())).isFalse();
    }
}
