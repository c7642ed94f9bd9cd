package dev.agentic.validate.internal.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import dev.agentic.core.validate.Severity;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.validate.Validators;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One focused case per rule: the rule id, severity and 1-based position of what is reported. */
class PythonValidatorRulesTest {
    private static final CodeValidator STANDARD = Validators.python(ValidationPolicy.standard());

    private static List<Finding> findings(String source) {
        return STANDARD.validate(Code.python(source)).findings();
    }

    private static List<Finding> findings(ValidationPolicy policy, String source) {
        return Validators.python(policy).validate(Code.python(source)).findings();
    }

    @Test
    void syntaxErrorReportsFirstErrorPosition() {
        assertThat(findings("def broken(:\n    return 1\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.SYNTAX, 1, 12));
    }

    @Test
    void errorNodeIsReportedAsSyntaxAndAnalysisStillRuns() {
        List<Finding> f = findings("x = 1\ny = $ 2\neval('1')\n");
        assertThat(f)
                .extracting(Finding::rule, Finding::line)
                .contains(tuple(RuleId.SYNTAX, 2), tuple(RuleId.DENIED_CALL, 3));
        assertThat(f).noneMatch(x -> x.rule().equals(RuleId.INTERNAL_ERROR));
    }

    @Test
    void nullByteIsASyntaxError() {
        assertThat(findings("x = 1\ny = '\0'\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.SYNTAX, 2, 6));
    }

    @Test
    void oversizedSourceIsRejectedWithoutParsing() {
        ValidationPolicy small = ValidationPolicy.builder().maxSourceBytes(10).build();
        assertThat(findings(small, "print('hello world')"))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(RuleId.SOURCE_SIZE, 0));
    }

    @Test
    void nestingBeyondPolicyLimitIsReportedOnce() {
        ValidationPolicy shallow = ValidationPolicy.builder().maxNestingDepth(3).build();
        assertThat(findings(shallow, "x = [[[[[1]]]]]\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.NESTING_DEPTH, 1, 8));
    }

    @Test
    void pathologicallyDeepSourceIsRejected() {
        String deep = "x = " + "(".repeat(2000) + "1" + ")".repeat(2000) + "\n";
        assertThat(findings(deep)).extracting(Finding::rule).contains(RuleId.NESTING_DEPTH);
    }

    @Test
    void codingCookieOtherThanUtf8IsRejected() {
        assertThat(findings("# -*- coding: utf-7 -*-\nprint(1)\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.SOURCE_ENCODING, 1, 15));
        assertThat(findings("# -*- coding: utf-8 -*-\nprint(1)\n")).isEmpty();
    }

    @Test
    void deniedImportInEveryForm() {
        assertThat(findings("import json\nimport subprocess\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_IMPORT, 2, 8));
        assertThat(findings("import os.path\nfrom multiprocessing import Pool as P\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_IMPORT, 2, 6));
        assertThat(findings("import ctypes as c\n"))
                .extracting(Finding::rule, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_IMPORT, 8));
        assertThat(findings("from concurrent.futures import ProcessPoolExecutor\n"))
                .extracting(Finding::rule)
                .containsExactly(RuleId.DENIED_CALL);
        assertThat(findings("from asyncio import subprocess\n"))
                .extracting(Finding::rule)
                .containsExactly(RuleId.DENIED_IMPORT);
    }

    @Test
    void relativeImportIsDenied() {
        assertThat(findings("from .helpers import x\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_IMPORT, 1, 6));
    }

    @Test
    void deniedCallDirectly() {
        assertThat(findings("print(eval('1'))\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 1, 7));
    }

    @Test
    void deniedCallThroughAliasIsReportedAtAliasAndCall() {
        assertThat(findings("e = eval\ne('1')\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 1, 5), tuple(RuleId.DENIED_CALL, 2, 1));
    }

    @Test
    void deniedCallOnModuleAlias() {
        assertThat(findings("import os as o\no.system('id')\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 2, 3));
        assertThat(findings("from os import system as s\ns('id')\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 1, 16), tuple(RuleId.DENIED_CALL, 2, 1));
    }

    @Test
    void deniedCallReachedThroughAnotherModulesAttribute() {
        assertThat(findings("import pathlib\npathlib.os.system('id')\n"))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(RuleId.DENIED_CALL, 2));
    }

    @Test
    void fullwidthIdentifierIsNormalisedLikePython() {
        assertThat(findings("ｅｖａｌ('1')\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 1, 1));
    }

    @Test
    void decoratorFromDeniedNameIsReported() {
        assertThat(findings("@exec\ndef f():\n    pass\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 1, 2));
    }

    @Test
    void parameterNamedLikeABuiltinIsNotTheBuiltinButItsDefaultIs() {
        assertThat(findings("def render(t, vars):\n    return t.format(**vars)\n"))
                .isEmpty();
        assertThat(findings("def f(vars=vars):\n    return vars()\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 1, 12));
    }

    @Test
    void getattrWithComputedNameIsDynamicAttribute() {
        assertThat(findings("getattr(obj, name)\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DYNAMIC_ATTRIBUTE, 1, 14));
    }

    @Test
    void getattrOverLiteralConstantsIsAccepted() {
        assertThat(findings("for key in ('total', 'open'):\n    print(getattr(cfg, key))\n"))
                .isEmpty();
    }

    @Test
    void getattrWithStringBuiltNameIsReportedAndResolved() {
        assertThat(findings("getattr(obj, 'na' + 'me')\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.STRING_BUILT_NAME, 1, 14));
        assertThat(findings("import os\ngetattr(os, 'sys' + 'tem')('id')\n"))
                .extracting(Finding::rule)
                .containsExactlyInAnyOrder(RuleId.STRING_BUILT_NAME, RuleId.DENIED_CALL);
    }

    @Test
    void dunderAttributeAccess() {
        assertThat(findings("x = ().__class__\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DUNDER_ACCESS, 1, 8));
        assertThat(findings("getattr(f, '__globals__')\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DUNDER_ACCESS, 1, 12));
        assertThat(findings("b = __builtins__\n"))
                .extracting(Finding::rule, Finding::column)
                .containsExactly(tuple(RuleId.DUNDER_ACCESS, 5));
    }

    @Test
    void formatStringTraversal() {
        assertThat(findings("s = '{0.__class__}'.format(1)\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.FORMAT_TRAVERSAL, 1, 5));
        assertThat(findings("s = '{0.real} {name}'.format(1, name='x')\n")).isEmpty();
    }

    @Test
    void openForWritingOutsideWorkingDirectory() {
        assertThat(findings("open('/etc/passwd', 'w')\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.WRITE_OUTSIDE, 1, 6));
        assertThat(findings("p = '../secrets.txt'\nwith open(p, mode='a') as f:\n    pass\n"))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(RuleId.WRITE_OUTSIDE, 2));
        assertThat(findings("open('/etc/hostname').read()\nopen('out/a/../b.txt', 'w')\n"))
                .isEmpty();
    }

    @Test
    void rmtreeOutsideWorkingDirectory() {
        assertThat(findings("import shutil\nshutil.rmtree('/var')\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DELETE_OUTSIDE, 2, 15));
        assertThat(findings("import shutil\nshutil.rmtree('build')\n")).isEmpty();
    }

    @Test
    void hostOutsideAllowlistIsReported() {
        CodeValidator v = Validators.python(ValidationPolicy.standard());
        NetworkPolicy stripe = NetworkPolicy.allow("api.stripe.com");
        List<Finding> bad = v.validate(Code.python("import requests\nrequests.get('https://evil.example/x')\n"), stripe)
                .findings();
        assertThat(bad)
                .extracting(Finding::rule, Finding::severity, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, Severity.ERROR, 2, 14));
        assertThat(bad.get(0).message()).contains("evil.example").contains("api.stripe.com");
        assertThat(v.validate(Code.python("import requests\nrequests.get('https://API.stripe.com/v1/x')\n"), stripe)
                        .findings())
                .isEmpty();
    }

    @Test
    void hostMatchingIsExact() {
        NetworkPolicy stripe = NetworkPolicy.allow("api.stripe.com");
        assertThat(STANDARD.validate(
                                Code.python("import requests\nrequests.get('https://evil.api.stripe.com/')\n"), stripe)
                        .valid())
                .isFalse();
        assertThat(STANDARD.validate(
                                Code.python("import requests\nrequests.get('https://api.stripe.com@evil.example/')\n"),
                                stripe)
                        .valid())
                .isFalse();
    }

    @Test
    void urlInsideDataIsOnlyAWarning() {
        NetworkPolicy stripe = NetworkPolicy.allow("api.stripe.com");
        var result = STANDARD.validate(
                Code.python("import requests\nrequests.post('https://api.stripe.com/v1/webhook_endpoints', "
                        + "data={'url': 'https://hooks.example.com/in'})\n"),
                stripe);
        assertThat(result.valid()).isTrue();
        assertThat(result.findings())
                .extracting(Finding::rule, Finding::severity)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, Severity.WARNING));
    }

    @Test
    void loneCarriageReturnEndsALineAsInPython() {
        assertThat(findings("x = 1  # note\rexec('1')\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 2, 1));
    }

    @Test
    void findingsComeInSourceOrder() {
        List<Finding> f = findings("import os\nos.system('a')\neval('b')\nimport subprocess\n");
        assertThat(f).extracting(Finding::line).containsExactly(2, 3, 4);
    }
}
