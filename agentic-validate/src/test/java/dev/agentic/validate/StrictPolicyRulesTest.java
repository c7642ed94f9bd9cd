package dev.agentic.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.core.validate.ValidationResult;
import org.junit.jupiter.api.Test;

/** The gate rules of {@link ValidationPolicy#strict()}: positions, advice, and how far values are followed. */
class StrictPolicyRulesTest {
    private static final NetworkPolicy API = NetworkPolicy.allow("api.example.com");
    private static final CodeValidator PYTHON = Validators.python(ValidationPolicy.strict());
    private static final CodeValidator JAVA = Validators.java(ValidationPolicy.strict());

    private static ValidationResult python(String source) {
        return PYTHON.validate(Code.python(source), API);
    }

    @Test
    void urlParameterIsFollowedToEveryCallAndOneComputedHostIsEnough() {
        String helper = "import urllib.request\n\ndef get(url):\n    return urllib.request.urlopen(url).read()\n\n";
        assertThat(python(helper + "get('https://api.example.com/a')\nget(f'https://api.example.com/b/{1}')\n")
                        .errors())
                .isEmpty();
        ValidationResult computed = python(helper + "get('https://api.example.com/a')\nget('https://' + input())\n");
        assertThat(computed.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.UNRESOLVED_HOST, 4, 35));
        assertThat(computed.errors().get(0).message())
                .contains("host computed at run time")
                .contains("allowed: api.example.com")
                .contains("start the URL with a literal host");
    }

    @Test
    void constantHostOutsideTheAllowlistIsReportedAsNotAllowed() {
        ValidationResult result = python("import urllib.request\nBASE = 'https://evil.example'\n"
                + "for p in ['/a', '/b']:\n    urllib.request.urlopen(BASE + p)\n");
        assertThat(result.errors()).extracting(Finding::rule).contains(RuleId.HOST_NOT_ALLOWED);
    }

    @Test
    void packagesAllowedByNameStillGetTheHostRule() {
        CodeValidator withRequests = Validators.python(
                ValidationPolicy.strict().toBuilder().allowModules("requests").build());
        String fixed = "import requests\ns = requests.Session()\nprint(s.get('https://api.example.com/v1').json())\n";
        assertThat(PYTHON.validate(Code.python(fixed), API).errors())
                .extracting(Finding::rule)
                .containsExactly(RuleId.DENIED_IMPORT);
        assertThat(withRequests.validate(Code.python(fixed), API).errors()).isEmpty();
        String dynamic = "import requests, sys\ns = requests.Session()\ns.post(sys.argv[1], data='x')\n";
        assertThat(withRequests.validate(Code.python(dynamic), API).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.UNRESOLVED_HOST, 3, 8));
    }

    @Test
    void memberOfAPartlyAllowedModuleNamesWhatIsAllowedInstead() {
        ValidationResult result = python("import sys\nsys.settrace(None)\n");
        assertThat(result.errors()).hasSize(1);
        Finding f = result.errors().get(0);
        assertThat(f.rule()).isEqualTo(RuleId.DENIED_CALL);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.column()).isEqualTo(5);
        assertThat(f.message()).contains("argv").contains("use sys.argv, sys.stdout and sys.exit");
    }

    @Test
    void plainStringAnnotationsPassAndCodeInAnAnnotationDoesNot() {
        assertThat(python("from typing import List\n\ndef f(x: 'List[int]') -> 'Node | None':\n    return None\n")
                        .errors())
                .isEmpty();
        assertThat(python("def f(x: 'open(\"a\").read()'):\n    return x\n").errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.EVALUATED_STRING, 1, 10));
    }

    @Test
    void standardPolicyKeepsAcceptingWhatTheGateRejects() {
        String source = "import sqlite3\nsqlite3.connect('/tmp/x.db').execute(\"ATTACH DATABASE '/tmp/y' AS y\")\n";
        assertThat(Validators.python(ValidationPolicy.standard())
                        .validate(Code.python(source), API)
                        .errors())
                .isEmpty();
        assertThat(python(source).errors())
                .extracting(Finding::rule)
                .contains(RuleId.WRITE_OUTSIDE, RuleId.EVALUATED_STRING);
    }

    @Test
    void javaUrlParameterIsFollowedToEveryCall() {
        String head = "import java.net.URI;\nclass Main {\n    static URI at(String url) {\n"
                + "        return URI.create(url);\n    }\n    public static void main(String[] args) {\n";
        assertThat(JAVA.validate(Code.java(head + "        at(\"https://api.example.com/a\");\n    }\n}\n"), API)
                        .errors())
                .isEmpty();
        ValidationResult computed =
                JAVA.validate(Code.java(head + "        at(\"https://\" + args[0]);\n    }\n}\n"), API);
        assertThat(computed.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.UNRESOLVED_HOST, 4, 27));
    }

    @Test
    void javaReflectionByNameIsDeniedOnAnyReceiverUnlessTheProgramDeclaresIt() {
        String reflective = "class Main {\n    public static void main(String[] a) throws Exception {\n"
                + "        Object o = a.getClass().getComponentType().getMethod(\"x\");\n    }\n}\n";
        assertThat(JAVA.validate(Code.java(reflective), API).errors())
                .extracting(Finding::rule)
                .contains(RuleId.REFLECTION);
        String own = "class Main {\n    static int invoke(int x) {\n        return x;\n    }\n"
                + "    public static void main(String[] a) {\n        System.out.println(invoke(2));\n    }\n}\n";
        assertThat(JAVA.validate(Code.java(own), API).errors()).isEmpty();
    }
}
