package dev.agentic.validate;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One focused test per Java rule: the rule id and the line and column it reports. */
class JavaValidatorRulesTest {
    private static final CodeValidator STANDARD = Validators.java(ValidationPolicy.standard());

    private static ValidationResult check(String body) {
        return check(STANDARD, body, NetworkPolicy.none());
    }

    private static ValidationResult check(CodeValidator validator, String source, NetworkPolicy network) {
        return validator.validate(Code.java(source), network);
    }

    /** Wraps statements in a class and main method: the statements start on line 3, column 9. */
    private static String main(String statements) {
        return "public class Main {\n    public static void main(String[] args) throws Exception {\n        "
                + statements + "\n    }\n}\n";
    }

    private static List<RuleId> errorRules(ValidationResult r) {
        return r.errors().stream().map(Finding::rule).collect(Collectors.toList());
    }

    @Test
    void syntaxErrorReportsLineAndColumnOfTheFirstProblem() {
        ValidationResult r = check(main("System.out.println(\"x\";"));
        assertThat(r.errors())
                .first()
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(RuleId.SYNTAX, 3, 31);
        assertThat(r.errors().get(0).message()).contains("javac 17");
    }

    @Test
    void java21SyntaxIsASyntaxErrorAtTheJava17LanguageLevel() {
        String source = main("Object o = 1; String s = switch (o) { case Integer i -> \"int\"; default -> \"x\"; };");
        assertThat(errorRules(check(source))).contains(RuleId.SYNTAX);
    }

    @Test
    void runtimeExecThroughAVariableIsDeniedAtBothCalls() {
        ValidationResult r = check(main("var r = Runtime.getRuntime();\n        r.exec(\"id\");"));
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 3, 25), tuple(RuleId.DENIED_CALL, 4, 11));
    }

    @Test
    void fullyQualifiedRuntimeIsDenied() {
        ValidationResult r = check(main("java.lang.Runtime.getRuntime().halt(1);"));
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 3, 27), tuple(RuleId.DENIED_CALL, 3, 40));
    }

    @Test
    void harmlessRuntimeQueriesPass() {
        ValidationResult r = check(main("System.out.println(Runtime.getRuntime().availableProcessors()"
                + " + Runtime.getRuntime().maxMemory());\n"
                + "        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(\"bye\")));\n"
                + "        System.out.println(ProcessHandle.current().pid() + \" \" + Runtime.version());"));
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void processBuilderIsADeniedTypeWhereItIsNamed() {
        ValidationResult r = check(main("new ProcessBuilder(\"id\").start();"));
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_TYPE, 3, 13));
    }

    @Test
    void systemExitThroughAStaticImportIsDeniedAtTheImportAndTheCall() {
        String source =
                "import static java.lang.System.exit;\n" + main("exit(2);").replace("Main", "M");
        ValidationResult r = check(STANDARD, source, NetworkPolicy.none());
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 1, 1), tuple(RuleId.DENIED_CALL, 4, 9));
    }

    @Test
    void systemExitAsAMethodReferenceIsDenied() {
        ValidationResult r = check(main("java.util.function.IntConsumer stop = System::exit;"));
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 3, 47));
    }

    @Test
    void obfuscatedForNameIsReflectionAndNamesTheLoadedClass() {
        ValidationResult r = check(main("String p = \"java.lang.\";\n        Class.forName(p + \"Run\" + \"time\");"));
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.REFLECTION, 4, 15));
        assertThat(r.errors().get(0).message()).contains("java.lang.Runtime");
    }

    @Test
    void reflectiveLookupThroughGetClassIsReflection() {
        ValidationResult r = check(main("Object o = \"\";\n        o.getClass().getMethod(\"length\").invoke(o);"));
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.REFLECTION, 4, 22), tuple(RuleId.REFLECTION, 4, 42));
    }

    @Test
    void ordinaryGetMethodOnNonReflectiveObjectsPasses() {
        ValidationResult r = check(main("java.util.Map<String, String> m = java.util.Map.of(\"get\", \"x\");\n"
                + "        System.out.println(m.get(\"get\"));"));
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void reflectionImportsIncludingWildcardsAreDenied() {
        String source = "import java.lang.reflect.*;\nimport java.lang.invoke.MethodHandles;\nclass A {}\n";
        assertThat(check(STANDARD, source, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_IMPORT, 1, 1), tuple(RuleId.DENIED_IMPORT, 2, 1));
    }

    @Test
    void unsafeAndJdkInternalsAreDeniedTypes() {
        ValidationResult r = check(main("Object u = jdk.internal.misc.Unsafe.getUnsafe();"));
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_TYPE, 3, 20));
    }

    @Test
    void classLoaderSubclassAndDefineClassAreDenied() {
        String source = "class Loader extends ClassLoader {\n    Class<?> make(byte[] b) {\n"
                + "        return defineClass(null, b, 0, b.length);\n    }\n}\n";
        assertThat(check(STANDARD, source, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_TYPE, 1, 22), tuple(RuleId.DENIED_CALL, 3, 16));
    }

    @Test
    void nativeMethodIsReportedAtItsName() {
        ValidationResult r = check(STANDARD, "class N {\n    native int peek(long a);\n}\n", NetworkPolicy.none());
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.NATIVE_METHOD, 2, 16));
    }

    @Test
    void instrumentationAndAttachAreDenied() {
        String source = "import java.lang.instrument.Instrumentation;\nclass Agent {}\n";
        assertThat(errorRules(check(STANDARD, source, NetworkPolicy.none()))).containsExactly(RuleId.DENIED_IMPORT);
        assertThat(errorRules(check(main("com.sun.tools.attach.VirtualMachine.attach(\"1\");"))))
                .containsExactly(RuleId.DENIED_TYPE);
    }

    @Test
    void writingAnAbsolutePathIsOutsideTheWorkingDirectory() {
        ValidationResult r = check(main("java.nio.file.Files.writeString(java.nio.file.Path.of(\"/etc/x\"), \"\");"));
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.FILE_WRITE_OUTSIDE, 3, 9));
        assertThat(r.errors().get(0).message()).contains("/etc/x");
    }

    @Test
    void parentPathsThroughConstantsAndResolveAreOutside() {
        assertThat(errorRules(check(main("String up = \"..\";\n        new java.io.FileOutputStream(up + \"/x\");"))))
                .containsExactly(RuleId.FILE_WRITE_OUTSIDE);
        assertThat(errorRules(check(main("java.nio.file.Files.move(java.nio.file.Path.of(\"a\"), "
                        + "java.nio.file.Path.of(\"out\").resolve(\"../../b\"));"))))
                .containsExactly(RuleId.FILE_WRITE_OUTSIDE);
        assertThat(errorRules(check(main("new java.io.File(\"/tmp/x\").delete();"))))
                .containsExactly(RuleId.FILE_WRITE_OUTSIDE);
    }

    @Test
    void writingRelativeFilesBelowTheWorkingDirectoryPasses() {
        ValidationResult r = check(main("java.nio.file.Path out = java.nio.file.Path.of(\"out\");\n"
                + "        java.nio.file.Files.createDirectories(out);\n"
                + "        java.nio.file.Files.writeString(out.resolve(\"a/../b.txt\"), \"x\");\n"
                + "        new java.io.FileWriter(\"report.txt\").close();"));
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void threadsBeyondThePolicyLimitAreReportedWhereTheLimitIsCrossed() {
        CodeValidator two = Validators.java(
                ValidationPolicy.standard().toBuilder().maxThreads(2).build());
        String source = main("new Thread(() -> {}).start();\n        new Thread(() -> {}).start();\n"
                + "        new Thread(() -> {}).start();");
        assertThat(check(two, source, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.TOO_MANY_THREADS, 5, 9));
        assertThat(check(source).errors()).isEmpty();
    }

    @Test
    void threadsInLoopsAndLargePoolsExceedTheLimit() {
        assertThat(errorRules(check(main("for (int i = 0; i < 9; i++) { new Thread(() -> {}).start(); }"))))
                .containsExactly(RuleId.TOO_MANY_THREADS);
        assertThat(errorRules(check(main(
                        "java.util.stream.IntStream.range(0, 50)" + ".forEach(i -> new Thread(() -> {}).start());"))))
                .containsExactly(RuleId.TOO_MANY_THREADS);
        assertThat(errorRules(check(main("java.util.concurrent.Executors.newFixedThreadPool(64);"))))
                .containsExactly(RuleId.TOO_MANY_THREADS);
        assertThat(errorRules(check(main("for (int i = 0; i < 8; i++) { new Thread(() -> {}).start(); }"))))
                .isEmpty();
    }

    @Test
    void networkTypesAreDeniedWhenTheTaskHasNoNetwork() {
        String source = "import java.net.http.HttpClient;\nimport java.net.URI;\nclass C {}\n";
        assertThat(check(STANDARD, source, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.NETWORK_NOT_ALLOWED, 1, 1));
        assertThat(check(STANDARD, source, NetworkPolicy.allow("api.stripe.com"))
                        .errors())
                .isEmpty();
    }

    @Test
    void literalHostsOutsideTheAllowlistAreReportedAtTheLiteral() {
        NetworkPolicy stripe = NetworkPolicy.allow("api.stripe.com");
        String source = main("var a = java.net.URI.create(\"https://api.stripe.com/v1/charges\");\n"
                + "        var b = java.net.URI.create(\"https://\" + \"evil.example\" + \"/x\");\n"
                + "        var c = new java.net.Socket(\"10.0.0.1\", 22);");
        assertThat(check(STANDARD, source, stripe).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, 4, 37), tuple(RuleId.HOST_NOT_ALLOWED, 5, 37));
    }

    @Test
    void literalHostCheckCanBeSwitchedOffByPolicy() {
        CodeValidator lax = Validators.java(
                ValidationPolicy.standard().toBuilder().checkLiteralHosts(false).build());
        String source = main("var b = java.net.URI.create(\"https://evil.example/x\");");
        assertThat(check(lax, source, NetworkPolicy.allow("api.stripe.com")).errors())
                .isEmpty();
    }

    @Test
    void unicodeEscapesAreTranslatedBeforeChecking() {
        ValidationResult r = check(main("\\u0053ystem.exit(1);"));
        assertThat(errorRules(r)).containsExactly(RuleId.DENIED_CALL);
    }

    @Test
    void disabledRulesProduceNoFindings() {
        CodeValidator noExitRule = Validators.java(ValidationPolicy.standard().toBuilder()
                .disableRule(RuleId.DENIED_CALL)
                .build());
        assertThat(check(noExitRule, main("System.exit(1);"), NetworkPolicy.none())
                        .findings())
                .isEmpty();
    }

    @Test
    void policyCanAllowABuiltInCallAndDenyAnotherOne() {
        CodeValidator custom = Validators.java(ValidationPolicy.standard().toBuilder()
                .allowCall("System.exit")
                .denyCall("java.lang.Math.random")
                .build());
        ValidationResult r = check(custom, main("System.exit(Math.random() > 2 ? 1 : 0);"), NetworkPolicy.none());
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 3, 26));
    }

    @Test
    void policyCanDenyAnImportAndAllowASpecificBuiltInOne() {
        CodeValidator custom = Validators.java(ValidationPolicy.standard().toBuilder()
                .denyImport("java.io")
                .allowImport("java.lang.reflect.Array")
                .build());
        String source = "import java.io.File;\nimport java.lang.reflect.Array;\nimport java.lang.reflect.Method;\n"
                + "class C {}\n";
        assertThat(check(custom, source, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(RuleId.DENIED_IMPORT, 1), tuple(RuleId.DENIED_IMPORT, 3));
    }

    @Test
    void strictPolicyAllowsOnlyItsImportsAndFullyQualifiedNamesToo() {
        CodeValidator strict = Validators.java(ValidationPolicy.strict());
        String source = "import java.util.List;\nimport java.sql.Connection;\n"
                + main("var s = new java.sql.Timestamp(0L);").replace("public class", "class");
        assertThat(check(strict, source, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_IMPORT, 2, 1), tuple(RuleId.DENIED_IMPORT, 5, 21));
        assertThat(check(STANDARD, source, NetworkPolicy.none()).errors()).isEmpty();
    }

    @Test
    void oversizedSourceIsRejectedWithoutParsing() {
        CodeValidator small = Validators.java(
                ValidationPolicy.standard().toBuilder().maxSourceBytes(10).build());
        ValidationResult r = check(small, "class A { oops", NetworkPolicy.none());
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(RuleId.SOURCE_TOO_LARGE, 0));
    }

    @Test
    void deepNestingIsReportedButLongCallChainsAreNot() {
        CodeValidator shallow = Validators.java(
                ValidationPolicy.standard().toBuilder().maxNestingDepth(6).build());
        String deep = main("if (true) { if (true) { if (true) { if (true) { System.out.println(); } } } }");
        assertThat(check(shallow, deep, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.NESTING_TOO_DEEP, 3, 57));
        String chain = main("new StringBuilder()" + ".append(1)".repeat(200) + ".toString();");
        assertThat(check(chain).errors()).isEmpty();
        String parens = main("int x = " + "(".repeat(5000) + "1" + ")".repeat(5000) + ";");
        assertThat(errorRules(check(parens))).containsExactly(RuleId.NESTING_TOO_DEEP);
    }

    @Test
    void nestingFindingMarksTheOutermostTooDeepNodeOfTheLastDeepPart() {
        CodeValidator shallow = Validators.java(
                ValidationPolicy.standard().toBuilder().maxNestingDepth(6).build());
        String deep = "if (true) { if (true) { if (true) { if (true) { System.out.println(); } } } }";
        String source = "public class Main {\n    public static void main(String[] args) {\n        " + deep
                + "\n        " + deep + "\n    }\n    void m() { if (true) { if (true) { if (true) { if (true) "
                + "{ if (true) { } } } } } }\n}\n";
        assertThat(check(shallow, source, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column, Finding::message)
                .containsExactly(tuple(
                        RuleId.NESTING_TOO_DEEP,
                        6,
                        64,
                        "Code is nested 7 levels deep here, more than the "
                                + "limit of 6; move inner parts into methods."));
    }

    @Test
    void pythonCodeIsAConfigurationError() {
        assertThatThrownBy(() -> STANDARD.validate(Code.python("print(1)")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("forLanguage");
    }

    @Test
    void forLanguageReturnsTheJavaValidatorAndListsJava() {
        assertThat(CodeValidator.supportedLanguages()).contains(Language.JAVA);
        CodeValidator v = CodeValidator.forLanguage(Language.JAVA, ValidationPolicy.standard());
        assertThat(v.language()).isEqualTo(Language.JAVA);
        assertThat(v.validate(Code.java(main("System.exit(0);"))).valid()).isFalse();
    }

    @Test
    void aTypeOrVariableDeclaredInAnotherScopeDoesNotHideJavaLangNames() {
        String source = "class Main {\n    static class Other { static class Runtime {} int System; }\n"
                + "    void run() throws Exception {\n        Runtime.getRuntime().exec(\"id\");\n"
                + "        System.exit(1);\n    }\n}\n";
        assertThat(check(STANDARD, source, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(
                        tuple(RuleId.DENIED_CALL, 4, 17),
                        tuple(RuleId.DENIED_CALL, 4, 30),
                        tuple(RuleId.DENIED_CALL, 5, 16));
    }

    @Test
    void ownTypesNamedLikeJdkTypesAreNotTheJdkTypes() {
        String source = "class Main {\n    static class Runtime { static Runtime getRuntime() { return null; }"
                + " void exec(String s) {} }\n    void run() {\n        Runtime.getRuntime().exec(\"job\");\n    }\n}\n";
        assertThat(check(STANDARD, source, NetworkPolicy.none()).findings()).isEmpty();
    }

    @Test
    void aThreadStartedByAMethodThatCallsItselfIsUnbounded() {
        String source = "class Main {\n    static void spawn() {\n        new Thread(Main::spawn).start();\n    }\n}\n";
        assertThat(check(STANDARD, source, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.TOO_MANY_THREADS, 3, 9));
    }

    @Test
    void hostsWithAnUnknownPartAreJudgedByTheirKnownSuffix() {
        NetworkPolicy stripe = NetworkPolicy.allow("api.stripe.com");
        String source = main("java.net.InetAddress.getByName(args[0] + \".leak.example\");\n"
                + "        java.net.URI.create(\"https://\" + args[0] + \".stripe.com/v1\");\n"
                + "        java.net.URI.create(\"https://api.stripe.com\" + args[0]);");
        ValidationResult r = check(STANDARD, source, stripe);
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, 3, 40));
        assertThat(r.errors().get(0).message()).contains("*.leak.example");
    }

    @Test
    void formattedUrlsAreFoldedBeforeTheHostCheck() {
        String source = main("String u = String.format(\"https://%s/x\", \"evil.example\");");
        assertThat(check(STANDARD, source, NetworkPolicy.allow("api.stripe.com"))
                        .errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.HOST_NOT_ALLOWED, 3, 20));
    }

    @Test
    void homeAndTempDirectoriesAreOutsideEvenInsideConcatenations() {
        assertThat(errorRules(check(main("new java.io.FileWriter(System.getProperty(\"user.home\") + \"/.bashrc\");"))))
                .containsExactly(RuleId.FILE_WRITE_OUTSIDE);
        assertThat(errorRules(check(main("java.nio.file.Files.createFile(java.nio.file.Path.of("
                        + "System.getenv(\"TMPDIR\"), \"x\"));"))))
                .containsExactly(RuleId.FILE_WRITE_OUTSIDE);
    }

    @Test
    void wildcardImportsAreResolvedAgainstTheJdk() {
        String source = "import java.io.*;\nimport java.nio.file.*;\n"
                + main("Files.delete(Paths.get(\"/etc/passwd\"));\n        new ObjectInputStream(null);")
                        .replace("public class", "class");
        assertThat(check(STANDARD, source, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.FILE_WRITE_OUTSIDE, 5, 9), tuple(RuleId.DENIED_TYPE, 6, 13));
    }

    @Test
    void xmlNamespaceUrisAreIdentifiersNotHosts() {
        String source = main("var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();\n"
                + "        f.setFeature(\"http://apache.org/xml/features/disallow-doctype-decl\", true);\n"
                + "        String ns = \"http://www.w3.org/2001/XMLSchema-instance\";");
        assertThat(check(source).errors()).isEmpty();
    }

    @Test
    void staticWildcardImportOfExecutorsStillCountsThreads() {
        String source = "import static java.util.concurrent.Executors.*;\n"
                + main("var pool = newFixedThreadPool(100);").replace("public class", "class");
        assertThat(check(STANDARD, source, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.TOO_MANY_THREADS, 4, 20));
    }

    @Test
    void fieldChainsOfUndeclaredNamesAreNotMistakenForPackages() {
        CodeValidator strict = Validators.java(ValidationPolicy.strict());
        String source = "class Main extends Base {\n    int n() {\n        return order.items.Size + config.limit;\n"
                + "    }\n}\n";
        assertThat(check(strict, source, NetworkPolicy.none()).errors()).isEmpty();
    }

    @Test
    void mangledSourcesGiveFindingsNeverExceptions() throws Exception {
        Random random = new Random(42);
        Path dir = Path.of(
                getClass().getResource("/corpus/validator/java/must-flag").toURI());
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            String source = Files.readString(file);
            for (int round = 0; round < 20; round++) {
                StringBuilder b = new StringBuilder(source);
                for (int cut = 0; cut < 3 && b.length() > 0; cut++) {
                    int at = random.nextInt(b.length());
                    b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(8)));
                }
                ValidationResult r = check(b.toString());
                assertThat(r.language()).isEqualTo(Language.JAVA);
            }
        }
    }

    @Test
    void theProgramsOwnMethodNamedLikeAClassLoaderMethodIsNotDenied() {
        String source = "class School {\n    String loadClass(String id) { return id; }\n"
                + "    void run(School s) {\n        s.loadClass(\"7b\");\n    }\n}\n";
        assertThat(check(STANDARD, source, NetworkPolicy.none()).findings()).isEmpty();
        String reflective = "class School {\n    void setAccessible(boolean b) {}\n"
                + "    void run() throws Exception {\n        String.class.getDeclaredField(\"value\").setAccessible(true);\n"
                + "    }\n}\n";
        assertThat(check(STANDARD, reflective, NetworkPolicy.none()).errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.REFLECTION, 4, 22), tuple(RuleId.REFLECTION, 4, 48));
    }

    @Test
    void killingProcessesThroughProcessHandleIsDenied() {
        ValidationResult r = check(main("ProcessHandle.allProcesses().forEach(ProcessHandle::destroyForcibly);"));
        assertThat(r.errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.DENIED_CALL, 3, 23), tuple(RuleId.DENIED_CALL, 3, 46));
    }

    @Test
    void aPolicyWithNoThreadsRejectsTheFirstOne() {
        CodeValidator none = Validators.java(
                ValidationPolicy.standard().toBuilder().maxThreads(0).build());
        assertThat(check(none, main("new Thread(() -> {}).start();"), NetworkPolicy.none())
                        .errors())
                .extracting(Finding::rule, Finding::line, Finding::column)
                .containsExactly(tuple(RuleId.TOO_MANY_THREADS, 3, 9));
    }

    @Test
    void concurrentValidationsGiveTheSameFindings() throws Exception {
        String source = main("var r = Runtime.getRuntime();\n        r.exec(\"id\");");
        List<Finding> expected = check(source).findings();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Finding>>> runs = IntStream.range(0, 64)
                    .mapToObj(i -> pool.submit(() -> check(source).findings()))
                    .collect(Collectors.toList());
            for (Future<List<Finding>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
