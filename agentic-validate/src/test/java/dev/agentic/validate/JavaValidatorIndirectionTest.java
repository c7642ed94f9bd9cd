package dev.agentic.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentic.core.Code;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import dev.agentic.core.validate.ValidationPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java rules reached through one more step of indirection: threads started by helper methods, hosts in builder
 * chains and URI components, file URIs turned into paths, and a runtime held in a variable. Each case pins the
 * rule and position, and its ordinary counterpart passes.
 */
class JavaValidatorIndirectionTest {
    private static final CodeValidator STANDARD = Validators.java(ValidationPolicy.standard());
    private static final NetworkPolicy STRIPE = NetworkPolicy.allow("api.stripe.com");

    private static List<Finding> errors(String source) {
        return STANDARD.validate(Code.java(source), STRIPE).errors();
    }

    private static String main(String statements) {
        return "public class Main {\n    public static void main(String[] args) throws Exception {\n        "
                + statements + "\n    }\n}\n";
    }

    @Test
    void threadsStartedByAHelperCountOncePerCallOfTheHelper() {
        String source = "class Main {\n    static void start() {\n        new Thread(() -> {}).start();\n    }\n"
                + "    public static void main(String[] args) {\n        for (int i = 0; i < 9; i++) {\n"
                + "            start();\n        }\n    }\n}\n";
        List<Finding> f = errors(source);
        assertThat(f)
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.TOO_MANY_THREADS, 3, 9));
        assertThat(f.get(0).message()).contains("9 threads");
        assertThat(errors(source.replace("i < 9", "i < 8"))).isEmpty();
    }

    @Test
    void methodsThatStartThreadsAndCallEachOtherAreUnbounded() {
        String source = "class Main {\n    static void a() { new Thread(Main::b).start(); }\n"
                + "    static void b() { a(); }\n    public static void main(String[] args) { a(); }\n}\n";
        assertThat(errors(source))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(RuleId.TOO_MANY_THREADS, 2));
    }

    @Test
    void aHostAppendedToABuilderIsCheckedOnceAtTheOutermostAppend() {
        List<Finding> f = errors(main(
                "var u = new StringBuilder(\"https://\").append(\"evil.example\")" + ".append(\"/x\").toString();"));
        assertThat(f)
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, 3, 17));
        assertThat(errors(main("var b = new StringBuilder(); b.append(\"https://api.\"); b.append(\"x\");")))
                .isEmpty();
    }

    @Test
    void uriComponentConstructorsHaveTheirHostChecked() {
        assertThat(errors(main("new java.net.URI(\"https\", \"evil.example\", \"/x\", null);")))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, 3, 35));
        assertThat(errors(main("new java.net.URI(\"https\", \"u@evil.example:443\", \"/x\", null, null);")))
                .extracting(Finding::rule)
                .containsExactly(RuleId.HOST_NOT_ALLOWED);
        assertThat(errors(main("new java.net.URI(\"https\", null, \"api.stripe.com\", 443, \"/v1\", null, null);")))
                .isEmpty();
    }

    @Test
    void aFileUriTurnedIntoAPathIsJudgedByItsPath() {
        assertThat(
                        errors(
                                "import java.net.URI;\nimport java.nio.file.*;\nclass Main {\n    void run() throws Exception {\n"
                                        + "        Files.writeString(Path.of(URI.create(\"file:///etc/x\")), \"1\");\n    }\n}\n"))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.FILE_WRITE_OUTSIDE, 5, 9));
    }

    @Test
    void aRuntimeVariableUsedOnlyForQueriesPassesButOneThatEscapesIsDenied() {
        assertThat(errors(main("Runtime rt = Runtime.getRuntime();\n        long used = rt.totalMemory() - "
                        + "rt.freeMemory();")))
                .isEmpty();
        assertThat(errors(main("Runtime rt = Runtime.getRuntime();\n        System.out.println(rt);")))
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 3, 30));
    }

    @Test
    void serviceLoaderIsClassLoading() {
        assertThat(errors(main("for (Runnable r : java.util.ServiceLoader.load(Runnable.class)) { r.run(); }")))
                .extracting(Finding::rule)
                .contains(RuleId.DENIED_TYPE);
    }

    @Test
    void aUrlThatIsOnlyPrintedOrLoggedIsOutputButOneUsedToConnectIsChecked() {
        assertThat(
                        errors(
                                main(
                                        "System.out.println(\"https://dashboard.stripe.com/customers/\" + args.length);\n"
                                                + "        java.util.logging.Logger.getLogger(\"x\").info(\"see https://status.stripe.com\");")))
                .isEmpty();
        assertThat(errors(main("System.out.println(java.net.URI.create(\"https://evil.example/x\"));")))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, 3));
        assertThat(errors(main("String u = String.format(\"https://evil.example/%s\", args[0]);")))
                .extracting(Finding::rule)
                .containsExactly(RuleId.HOST_NOT_ALLOWED);
    }
}
