package dev.agentic.validate.internal.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.validate.Validators;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules reached through one more step of indirection than a direct call: functions passed as values, unpacked
 * arguments, strings built by formatting, paths built by {@code pathlib} methods, and the keyword forms of sinks.
 * Each case pins the rule and the position reported, and its ordinary counterpart passes.
 */
class PythonValidatorIndirectionTest {
    private static final CodeValidator STANDARD = Validators.python(ValidationPolicy.standard());
    private static final NetworkPolicy STRIPE = NetworkPolicy.allow("api.stripe.com");

    private static List<Finding> errors(String source) {
        return STANDARD.validate(Code.python(source), STRIPE).errors();
    }

    @Test
    void getattrPassedAsAValueIsADynamicAttributeAtTheName() {
        assertThat(errors("import functools\nfunctools.reduce(getattr, ['a', 'b'], obj)\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DYNAMIC_ATTRIBUTE, 2, 18));
        assertThat(errors("key = lambda o: getattr(o, 'name', '')\nsorted([], key=key)\n"
                        + "print(list(filter(callable, [hasattr])))\n"))
                .isEmpty();
    }

    @Test
    void getattrWithUnpackedArgumentsIsADynamicAttribute() {
        assertThat(errors("args = (obj, 'x')\ngetattr(*args)\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DYNAMIC_ATTRIBUTE, 2, 9));
    }

    @Test
    void aChoiceBetweenLiteralAttributeNamesIsNotAStringBuiltName() {
        assertThat(errors("setattr(self, 'a' if flag else 'b', 1)\n")).isEmpty();
        assertThat(errors("setattr(self, 'a' + suffix, 1)\n"))
                .extracting(Finding::rule)
                .contains(RuleId.STRING_BUILT_NAME);
    }

    @Test
    void formatTemplatesBuiltFromPiecesAreScannedForTraversal() {
        assertThat(errors("t = '{0.' + '__globals__}'\nt.format(f)\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.FORMAT_TRAVERSAL, 2, 1));
    }

    @Test
    void percentAndBraceFormattingAreFoldedBeforeTheHostCheck() {
        assertThat(errors("import requests\nrequests.get('https://%s/v1' % 'evil.example')\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, 2, 14));
        assertThat(errors("import requests\nH = 'evil.example'\nrequests.get('https://{h}/v1'.format(h=H))\n"))
                .extracting(Finding::rule)
                .containsExactly(RuleId.HOST_NOT_ALLOWED);
        assertThat(errors("import requests\nrequests.get('https://%s:%d/v1/%s' % ('api.stripe.com', 443, cid))\n"
                        + "requests.get('https://{}/v1/{}'.format('api.stripe.com', cid))\n"))
                .isEmpty();
    }

    @Test
    void hostGivenByKeywordOrAddressVariableIsChecked() {
        assertThat(errors("import http.client\nhttp.client.HTTPSConnection(host='evil.example')\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, 2, 34));
        assertThat(errors("import socket\naddr = ('evil.example', 443)\nsocket.socket().connect(addr)\n"))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, 3));
    }

    @Test
    void pathMethodsAndTheWorkingDirectoryAreFoldedIntoPaths() {
        assertThat(errors("from pathlib import Path\nPath('/etc').joinpath('x').write_text('1')\n"))
                .extracting(Finding::rule)
                .containsExactly(RuleId.WRITE_OUTSIDE);
        assertThat(errors("import os\nopen(os.path.join(os.getcwd(), '..', 'x'), 'w')\n"))
                .extracting(Finding::rule)
                .containsExactly(RuleId.WRITE_OUTSIDE);
        assertThat(errors("from pathlib import Path\nPath.cwd().joinpath('out', 'a.json').write_text('1')\n"
                        + "Path('out/a.json').with_suffix('.bak').write_text('1')\n"))
                .isEmpty();
    }

    @Test
    void changingDirectoryOutsideIsAWriteOutsideThatSaysWhy() {
        List<Finding> f = errors("import os\nos.chdir('/')\n");
        assertThat(f)
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.WRITE_OUTSIDE, 2, 10));
        assertThat(f.get(0).message()).contains("os.chdir").contains("relative writes");
        assertThat(errors("import os\nos.chdir('out')\n")).isEmpty();
    }

    @Test
    void fileOpenersBeyondOpenAreCheckedByMode() {
        assertThat(errors("import gzip\ngzip.open('/etc/x.gz', 'wt')\n"))
                .extracting(Finding::rule)
                .containsExactly(RuleId.WRITE_OUTSIDE);
        assertThat(errors("import zipfile\nzipfile.ZipFile('/etc/x.zip')\nimport gzip\ngzip.open('/data/in.gz')\n"))
                .isEmpty();
    }

    @Test
    void stringCodeRunnersAreDeniedButTheirHarmlessPartsAreNot() {
        assertThat(errors("import timeit\ntimeit.timeit('1+1')\n"))
                .extracting(Finding::rule)
                .containsExactly(RuleId.DENIED_CALL);
        assertThat(errors("import cProfile\n")).extracting(Finding::rule).containsExactly(RuleId.DENIED_IMPORT);
        assertThat(errors("from timeit import default_timer\nprint(default_timer())\n"))
                .isEmpty();
    }

    @Test
    void aUrlThatIsOnlyPrintedOrLoggedIsOutputButAConnectionInsideThePrintIsStillChecked() {
        assertThat(errors("import logging\nlog = logging.getLogger(__name__)\n"
                        + "print('https://dashboard.stripe.com/customers/' + cid)\n"
                        + "log.info('https://status.stripe.com/incidents/%s', iid)\n"))
                .isEmpty();
        assertThat(errors("import requests\nprint(requests.get('https://evil.example/x').status_code)\n"))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, 2));
    }
}
