package dev.agentic.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule ids keep the text form records, prompts and the CLI have always printed. */
class RuleIdTest {

    @Test
    void constantsKeepTheirTextForm() {
        assertThat(List.of(
                        RuleId.SYNTAX,
                        RuleId.DENIED_IMPORT,
                        RuleId.DENIED_CALL,
                        RuleId.HOST_NOT_ALLOWED,
                        RuleId.INTERNAL_ERROR,
                        RuleId.SOURCE_SIZE,
                        RuleId.NESTING_DEPTH,
                        RuleId.SOURCE_ENCODING,
                        RuleId.DYNAMIC_ATTRIBUTE,
                        RuleId.STRING_BUILT_NAME,
                        RuleId.DUNDER_ACCESS,
                        RuleId.FORMAT_TRAVERSAL,
                        RuleId.WRITE_OUTSIDE,
                        RuleId.DELETE_OUTSIDE,
                        RuleId.SOURCE_TOO_LARGE,
                        RuleId.NESTING_TOO_DEEP,
                        RuleId.DENIED_TYPE,
                        RuleId.REFLECTION,
                        RuleId.NATIVE_METHOD,
                        RuleId.FILE_WRITE_OUTSIDE,
                        RuleId.TOO_MANY_THREADS,
                        RuleId.NETWORK_NOT_ALLOWED))
                .extracting(RuleId::id)
                .containsExactly(
                        "syntax",
                        "denied-import",
                        "denied-call",
                        "host-not-allowed",
                        "internal-error",
                        "source-size",
                        "nesting-depth",
                        "source-encoding",
                        "dynamic-attribute",
                        "string-built-name",
                        "dunder-access",
                        "format-traversal",
                        "write-outside",
                        "delete-outside",
                        "source-too-large",
                        "nesting-too-deep",
                        "denied-type",
                        "reflection",
                        "native-method",
                        "file-write-outside",
                        "too-many-threads",
                        "network-not-allowed");
    }

    @Test
    void idMadeFromTextEqualsTheConstantAndPrintsAsText() {
        assertThat(RuleId.of("denied-import"))
                .isEqualTo(RuleId.DENIED_IMPORT)
                .hasSameHashCodeAs(RuleId.DENIED_IMPORT)
                .hasToString("denied-import");
        assertThat(RuleId.of("my-company.no-sleep").id()).isEqualTo("my-company.no-sleep");
    }

    @Test
    void blankOrSpacedIdIsRefused() {
        assertThatThrownBy(() -> RuleId.of("")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> RuleId.of("denied import"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'denied import'");
    }

    @Test
    void findingPrintsItsRuleAsBefore() {
        assertThat(Finding.error(RuleId.DENIED_CALL, "os.system is not allowed", 3, 5))
                .hasToString("line 3:5 error [denied-call] os.system is not allowed");
    }

    @Test
    void policyDisablesRulesByIdWhateverWayTheIdWasMade() {
        ValidationPolicy policy = ValidationPolicy.standard().toBuilder()
                .disableRule(RuleId.of("dunder-access"))
                .disableRule(RuleId.DENIED_CALL)
                .build();

        assertThat(policy.isRuleEnabled(RuleId.DUNDER_ACCESS)).isFalse();
        assertThat(policy.isRuleEnabled(RuleId.of("denied-call"))).isFalse();
        assertThat(policy.isRuleEnabled(RuleId.DENIED_IMPORT)).isTrue();
        assertThat(policy.disabledRules()).containsExactlyInAnyOrder(RuleId.DUNDER_ACCESS, RuleId.DENIED_CALL);
        assertThat(policy.toString()).contains("disabled=[denied-call, dunder-access]");
        assertThat(policy.toBuilder().enableRule(RuleId.DENIED_CALL).build().isRuleEnabled(RuleId.DENIED_CALL))
                .isTrue();
        assertThat(policy.toBuilder().build()).isEqualTo(policy);
    }
}
