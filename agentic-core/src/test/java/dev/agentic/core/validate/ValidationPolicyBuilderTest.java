package dev.agentic.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the builder accepts, how deny and allow entries replace each other, and the value semantics it builds. */
class ValidationPolicyBuilderTest {

    @Test
    void aNameIsEitherDeniedOrAllowedAndTheLastCallWins() {
        ValidationPolicy p = ValidationPolicy.builder()
                .denyImport("socket")
                .allowImport("socket")
                .allowCall("os.system")
                .denyCall("os.system")
                .build();

        assertThat(p.allowedImports()).containsExactly("socket");
        assertThat(p.deniedImports()).isEmpty();
        assertThat(p.deniedCalls()).containsExactly("os.system");
        assertThat(p.allowedCalls()).isEmpty();
    }

    @Test
    void aPaddedNameReplacesTheSameNameOnTheOtherList() {
        ValidationPolicy p = ValidationPolicy.builder()
                .denyImport("socket")
                .allowImport(" socket ")
                .allowCall("os.system")
                .denyCall("os.system\n")
                .build();

        assertThat(p.allowedImports()).containsExactly("socket");
        assertThat(p.deniedImports()).isEmpty();
        assertThat(p.deniedCalls()).containsExactly("os.system");
        assertThat(p.allowedCalls()).isEmpty();
    }

    @Test
    void namesAreTrimmedAndBlankOnesAreRejectedNamingTheSetter() {
        assertThat(ValidationPolicy.builder().denyImport("  ctypes ").build().deniedImports())
                .containsExactly("ctypes");
        assertThatThrownBy(() -> ValidationPolicy.builder().denyImport(" "))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("denyImport: name must not be blank");
        assertThatThrownBy(() -> ValidationPolicy.builder().allowCall(null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("allowCall: name must not be blank");
        assertThatThrownBy(() -> ValidationPolicy.builder().allowModules("requests", ""))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("allowImport: name must not be blank");
    }

    @Test
    void limitsOutsideTheirRangeAreRejectedNamingTheField() {
        assertThatThrownBy(() -> ValidationPolicy.builder().maxSourceBytes(0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("maxSourceBytes must be positive, was 0");
        assertThatThrownBy(() -> ValidationPolicy.builder().maxNestingDepth(-3))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("maxNestingDepth must be positive, was -3");
        assertThatThrownBy(() -> ValidationPolicy.builder().maxThreads(-1))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("maxThreads must not be negative, was -1");
        assertThat(ValidationPolicy.builder().maxThreads(0).build().maxThreads())
                .isZero();
        assertThatThrownBy(() -> ValidationPolicy.builder().importMode(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("importMode");
    }

    @Test
    void anAllowlistWithNothingAllowedIsRejectedAtBuild() {
        ValidationPolicy.Builder b = ValidationPolicy.builder().importMode(ValidationPolicy.ImportMode.ALLOWLIST);

        assertThatThrownBy(b::build)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ValidationPolicy.strict()");
        assertThat(b.allowImport("json").build().isGate()).isTrue();
    }

    @Test
    void theDefaultsAreTheStandardLint() {
        ValidationPolicy p = ValidationPolicy.builder().build();

        assertThat(p).isEqualTo(ValidationPolicy.standard());
        assertThat(p.importMode()).isEqualTo(ValidationPolicy.ImportMode.DENYLIST);
        assertThat(p.maxSourceBytes()).isEqualTo(256 * 1024);
        assertThat(p.maxNestingDepth()).isEqualTo(100);
        assertThat(p.maxThreads()).isEqualTo(8);
        assertThat(p.checkLiteralHosts()).isTrue();
        assertThat(p.disabledRules()).isEmpty();
    }

    @Test
    void toBuilderKeepsEverySettingAndEqualPoliciesHashAlike() {
        ValidationPolicy p = ValidationPolicy.builder()
                .importMode(ValidationPolicy.ImportMode.ALLOWLIST)
                .allowImports(List.of("json", "csv"))
                .denyImports(List.of("json.tool"))
                .denyCalls(List.of("eval"))
                .allowCalls(List.of("os.getenv"))
                .disableRule(RuleId.DUNDER_ACCESS)
                .disableRule(RuleId.DYNAMIC_ATTRIBUTE)
                .enableRule(RuleId.DYNAMIC_ATTRIBUTE)
                .maxSourceBytes(1000)
                .maxNestingDepth(7)
                .maxThreads(2)
                .checkLiteralHosts(false)
                .build();

        ValidationPolicy copy = p.toBuilder().build();

        assertThat(copy).isEqualTo(p).hasSameHashCodeAs(p).isNotEqualTo(ValidationPolicy.strict());
        assertThat(copy.disabledRules()).containsExactly(RuleId.DUNDER_ACCESS);
        assertThat(copy.isRuleEnabled(RuleId.DYNAMIC_ATTRIBUTE)).isTrue();
        assertThat(copy.isRuleEnabled(RuleId.DUNDER_ACCESS)).isFalse();
        assertThat(copy.maxSourceBytes()).isEqualTo(1000);
        assertThat(copy.maxNestingDepth()).isEqualTo(7);
        assertThat(copy.maxThreads()).isEqualTo(2);
        assertThat(copy.checkLiteralHosts()).isFalse();
        assertThat(p.toBuilder().maxThreads(3).build()).isNotEqualTo(p);
        assertThat(copy.toString())
                .isEqualTo("ValidationPolicy[ALLOWLIST, denyImports=[json.tool], allowImports=2 names, "
                        + "denyCalls=[eval], allowCalls=[os.getenv], disabled=[dunder-access]]");
    }

    @Test
    void builtSetsAreImmutableAndDoNotFollowTheBuilder() {
        ValidationPolicy.Builder b = ValidationPolicy.builder().denyImport("socket");
        ValidationPolicy p = b.build();
        b.denyImport("ctypes");

        assertThat(p.deniedImports()).containsExactly("socket");
        assertThatThrownBy(() -> p.deniedImports().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
