package dev.agentic.validate.internal.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import dev.agentic.validate.Validators;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** How {@link ValidationPolicy} settings change the Python validator's verdicts, and how it is reached. */
class PythonValidatorPolicyTest {

    private static ValidationResult validate(ValidationPolicy policy, String source) {
        return Validators.python(policy).validate(Code.python(source));
    }

    @Test
    void strictPolicyAllowsOnlyListedImportsAndMembers() {
        ValidationResult ftp = validate(ValidationPolicy.strict(), "import ftplib\n");
        assertThat(ftp.findings()).extracting(Finding::rule).containsExactly(RuleId.DENIED_IMPORT);
        assertThat(ftp.findings().get(0).message()).contains("not on the policy's list of allowed imports");
        ValidationResult os = validate(ValidationPolicy.strict(), "import os\nprint(os.getuid())\n");
        assertThat(os.findings())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 2, 10));
        assertThat(os.findings().get(0).message())
                .contains("os.getuid is not among the members of os the policy allows")
                .contains("environ");
        assertThat(validate(
                                ValidationPolicy.strict(),
                                "from __future__ import annotations\nimport json\nimport urllib.parse\nfrom collections import Counter\n")
                        .findings())
                .isEmpty();
    }

    @Test
    void allowImportRemovesAModuleFromTheBuiltInDenySet() {
        assertThat(validate(ValidationPolicy.standard(), "import pickle\n").valid())
                .isFalse();
        ValidationPolicy withPickle =
                ValidationPolicy.standard().toBuilder().allowImport("pickle").build();
        assertThat(validate(withPickle, "import pickle\nprint(pickle.dumps(1))\n")
                        .findings())
                .isEmpty();
    }

    @Test
    void denyImportAddsToTheDenySet() {
        ValidationPolicy noRequests =
                ValidationPolicy.standard().toBuilder().denyImport("requests").build();
        assertThat(validate(noRequests, "import requests.adapters\n").findings())
                .extracting(Finding::rule)
                .containsExactly(RuleId.DENIED_IMPORT);
    }

    @Test
    void denyCallAndAllowCallAdjustTheBuiltInCallSet() {
        ValidationPolicy noPrint =
                ValidationPolicy.standard().toBuilder().denyCall("print").build();
        assertThat(validate(noPrint, "print(1)\n").findings())
                .extracting(Finding::rule)
                .containsExactly(RuleId.DENIED_CALL);
        ValidationPolicy withEval =
                ValidationPolicy.standard().toBuilder().allowCall("eval").build();
        assertThat(validate(withEval, "print(eval('1+1'))\n").findings()).isEmpty();
    }

    @Test
    void disabledRuleProducesNoFindings() {
        ValidationPolicy lenient = ValidationPolicy.standard().toBuilder()
                .disableRule(RuleId.DUNDER_ACCESS)
                .build();
        assertThat(validate(lenient, "name = self.__class__.__mro__\n").findings())
                .isEmpty();
        assertThat(validate(ValidationPolicy.standard(), "name = self.__class__.__mro__\n")
                        .valid())
                .isFalse();
    }

    @Test
    void literalHostChecksCanBeSwitchedOff() {
        ValidationPolicy noHosts =
                ValidationPolicy.standard().toBuilder().checkLiteralHosts(false).build();
        assertThat(validate(noHosts, "import requests\nrequests.get('https://evil.example')\n")
                        .findings())
                .isEmpty();
    }

    @Test
    void socketIsDeniedOnlyWhenTheTaskHasNoNetwork() {
        CodeValidator v = Validators.python(ValidationPolicy.standard());
        assertThat(v.validate(Code.python("import socket\n"), NetworkPolicy.none())
                        .valid())
                .isFalse();
        assertThat(v.validate(Code.python("import socket\n"), NetworkPolicy.allow("api.example.com"))
                        .valid())
                .isTrue();
    }

    @Test
    void forLanguageReturnsThePythonValidator() {
        CodeValidator v = CodeValidator.forLanguage(Language.PYTHON, ValidationPolicy.standard());
        assertThat(v.language()).isEqualTo(Language.PYTHON);
        assertThat(CodeValidator.supportedLanguages()).contains(Language.PYTHON);
        assertThat(v.validate(Code.python("print('ok')\n")).valid()).isTrue();
    }

    @Test
    void codeInAnotherLanguageIsAConfigurationError() {
        CodeValidator v = Validators.python(ValidationPolicy.standard());
        assertThatThrownBy(() -> v.validate(Code.java("class A {}")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("forLanguage");
    }

    @Test
    void concurrentValidationsGiveTheSameVerdicts() throws Exception {
        CodeValidator v = Validators.python(ValidationPolicy.standard());
        List<String> programs = List.of(
                "import os\nos.system('id')\n",
                "import json\nprint(json.dumps({}))\n",
                "e = eval\ne('1')\n",
                "def f(:\n",
                "x = ().__class__\n");
        List<Boolean> expected = new ArrayList<>();
        for (String p : programs) {
            expected.add(v.validate(Code.python(p)).valid());
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<Boolean>>> futures = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                futures.add(pool.submit(() -> {
                    List<Boolean> last = null;
                    for (int i = 0; i < 60; i++) {
                        List<Boolean> got = new ArrayList<>();
                        for (String p : programs) {
                            got.add(v.validate(Code.python(p)).valid());
                        }
                        last = got;
                        if (!got.equals(expected)) {
                            return got;
                        }
                    }
                    return last;
                }));
            }
            for (Future<List<Boolean>> f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).containsExactly(false, true, false, false, false);
    }
}
