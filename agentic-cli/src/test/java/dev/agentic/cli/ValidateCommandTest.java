package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final String CLEAN_JAVA = "public class Hello {\n    public static void main(String[] args) {\n"
            + "        System.out.println(\"hello\");\n    }\n}\n";
    private static final String EXITING_JAVA = "public class Bye {\n    public static void main(String[] args) {\n"
            + "        System.exit(3);\n    }\n}\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("validate"));
        all.addAll(List.of(args));
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    private String write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }

    @Test
    void cleanJavaFileExitsZeroWithASummary() throws IOException {
        String file = write("Hello.java", CLEAN_JAVA);
        assertThat(run(file)).isEqualTo(AgenticCli.OK);
        assertThat(out.toString().trim()).isEqualTo(file + ": valid (0 errors, 0 warnings; java, standard policy)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void javaFileWithAnErrorFindingExitsOneWithOneLinePerFinding() throws IOException {
        String file = write("Bye.java", EXITING_JAVA);
        assertThat(run(file)).isEqualTo(AgenticCli.NOT_OK);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith(file + ":3:16: error [denied-call] System.exit: ");
        assertThat(lines.get(1)).isEqualTo(file + ": not valid (1 error, 0 warnings; java, standard policy)");
    }

    @Test
    void jsonOutputHasExactlyTheDocumentedShape() throws IOException {
        String file = write("Bye.java", EXITING_JAVA);
        assertThat(run(file, "--json")).isEqualTo(AgenticCli.NOT_OK);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.fieldNames()).toIterable().containsExactly("valid", "language", "findings");
        assertThat(root.get("valid").isBoolean()).isTrue();
        assertThat(root.get("valid").asBoolean()).isFalse();
        assertThat(root.get("language").asText()).isEqualTo("java");
        JsonNode finding = root.get("findings").get(0);
        assertThat(finding.fieldNames()).toIterable().containsExactly("rule", "severity", "message", "line", "column");
        assertThat(finding.get("rule").asText()).isEqualTo("denied-call");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("line").isInt()).isTrue();
        assertThat(finding.get("line").asInt()).isEqualTo(3);
        assertThat(finding.get("column").asInt()).isEqualTo(16);
        assertThat(out.toString().trim().lines()).hasSize(1);
    }

    @Test
    void jsonOutputOfACleanFileIsValidWithNoFindings() throws IOException {
        String file = write("Hello.java", CLEAN_JAVA);
        assertThat(run("--json", file)).isEqualTo(AgenticCli.OK);
        assertThat(out.toString().trim()).isEqualTo("{\"valid\":true,\"language\":\"java\",\"findings\":[]}");
    }

    @Test
    void allowHostPermitsALiteralHost() throws IOException {
        String file = write(
                "Call.java",
                "class Call {\n    static java.net.URI u = java.net.URI.create("
                        + "\"https://api.stripe.com/v1/customers\");\n}\n");
        assertThat(run(file)).isEqualTo(AgenticCli.NOT_OK);
        assertThat(out.toString()).contains("[host-not-allowed]");
        out.getBuffer().setLength(0);
        assertThat(run(file, "--allow-host", "api.stripe.com", "--allow-host", "example.org"))
                .isEqualTo(AgenticCli.OK);
    }

    @Test
    void strictPolicyRejectsImportsOutsideItsAllowList() throws IOException {
        String file = write("Db.java", "import java.sql.Connection;\nclass Db {}\n");
        assertThat(run(file)).isEqualTo(AgenticCli.OK);
        assertThat(run(file, "--policy", "strict")).isEqualTo(AgenticCli.NOT_OK);
        assertThat(out.toString()).contains(":1:1: error [denied-import]");
    }

    @Test
    void allowModuleAddsAPackageOfTheEnvironmentToTheStrictPolicy() throws IOException {
        String file =
                write("call.py", "import requests\nprint(requests.get('https://api.stripe.com/v1/x').status_code)\n");
        assertThat(run(file, "--policy", "strict", "--allow-host", "api.stripe.com"))
                .isEqualTo(AgenticCli.NOT_OK);
        assertThat(out.toString()).contains(":1:8: error [denied-import] import requests");
        out.getBuffer().setLength(0);
        assertThat(run(file, "--policy", "strict", "--allow-module", "requests", "--allow-host", "api.stripe.com"))
                .isEqualTo(AgenticCli.OK);
    }

    @Test
    void languageOptionOverridesTheExtension() throws IOException {
        String file = write("program.txt", EXITING_JAVA);
        assertThat(run(file, "--language", "java")).isEqualTo(AgenticCli.NOT_OK);
    }

    @Test
    void missingFileIsAnIoErrorWithExitTwo() {
        String missing = dir.resolve("Nope.java").toString();
        assertThat(run(missing)).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains(missing).contains("does not exist");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownLanguageIsAUsageErrorNamingTheAcceptedValues() throws IOException {
        String file = write("Hello.java", CLEAN_JAVA);
        assertThat(run(file, "--language", "cobol")).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("Unknown language 'cobol'").contains("python, java");
    }

    @Test
    void extensionWithoutALanguageIsAUsageError() throws IOException {
        String file = write("notes.txt", CLEAN_JAVA);
        assertThat(run(file)).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("--language");
    }

    @Test
    void languageWithoutAValidatorIsAUsageErrorNamingTheLanguagesThatHaveOne() throws IOException {
        String file = write("app.js", "console.log(1)\n");
        assertThat(run(file)).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString())
                .contains("no validator for JavaScript")
                .contains("there are for python, java")
                .contains("--no-validate");
    }

    @Test
    void unknownPolicyIsAUsageError() throws IOException {
        String file = write("Hello.java", CLEAN_JAVA);
        assertThat(run(file, "--policy", "paranoid")).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("Unknown policy 'paranoid'");
    }

    @Test
    void malformedAllowedHostIsAUsageError() throws IOException {
        String file = write("Hello.java", CLEAN_JAVA);
        assertThat(run(file, "--allow-host", "https://api.stripe.com/")).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("not a URL");
    }

    @Test
    void cleanPythonFileIsValidAndTheLanguageComesFromTheExtension() throws IOException {
        String file = write("report.py", "import json\n\nprint(json.dumps({'total': sum([1, 2, 3])}))\n");
        assertThat(run(file, "--json")).isEqualTo(AgenticCli.OK);
        assertThat(out.toString().trim()).isEqualTo("{\"valid\":true,\"language\":\"python\",\"findings\":[]}");
    }

    @Test
    void pythonEvalIsAnErrorFindingWithItsPosition() throws IOException {
        String file = write("bad.py", "x = 1\nresult = eval(input())\n");
        assertThat(run(file)).isEqualTo(AgenticCli.NOT_OK);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).matches(Pattern.quote(file) + ":2:\\d+: error \\[[a-z-]+\\] .*");
        assertThat(lines.get(lines.size() - 1)).startsWith(file + ": not valid (");
        assertThat(lines.get(lines.size() - 1)).endsWith("; python, standard policy)");
    }

    @Test
    void pythonJsonFindingHasTheDocumentedShape() throws IOException {
        String file = write("shell.py", "import subprocess\nsubprocess.run(['id'])\n");
        assertThat(run(file, "--json", "--language", "python")).isEqualTo(AgenticCli.NOT_OK);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("valid").asBoolean()).isFalse();
        assertThat(root.get("language").asText()).isEqualTo("python");
        JsonNode finding = root.get("findings").get(0);
        assertThat(finding.fieldNames()).toIterable().containsExactly("rule", "severity", "message", "line", "column");
        assertThat(finding.get("rule").asText()).isEqualTo("denied-import");
        assertThat(finding.get("line").asInt()).isEqualTo(1);
    }

    @Test
    void pythonSyntaxErrorExitsOne() throws IOException {
        String file = write("broken.py", "def f(:\n    pass\n");
        assertThat(run(file)).isEqualTo(AgenticCli.NOT_OK);
        assertThat(out.toString()).contains("error [syntax]");
    }

    @Test
    void helpDescribesTheOptionsAndExitsZero() {
        assertThat(run("--help")).isEqualTo(AgenticCli.OK);
        assertThat(out.toString())
                .contains("Usage: agentic validate")
                .contains("--allow-host=HOST")
                .contains("--policy=POLICY")
                .contains("--language=LANGUAGE")
                .contains("--json");
    }

    @Test
    void directoryIsAnIoErrorWithExitTwo() {
        assertThat(run(dir.toString(), "--language", "java")).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("File " + dir + " is a directory");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(run("/")).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("--language");
    }

    @Test
    void missingFileArgumentIsAUsageError() {
        assertThat(run()).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("FILE");
    }
}
