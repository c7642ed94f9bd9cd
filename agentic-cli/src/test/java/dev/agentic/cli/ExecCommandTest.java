package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.Language;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentic exec} against the real local sandbox. */
class ExecCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    private JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void succeedingProgramPrintsItsOutputAndExitsZero() throws IOException {
        assertThat(run("exec", "--no-validate", file("hello.py", "print('hello from the sandbox')")))
                .isZero();
        assertThat(out.toString()).isEqualTo("hello from the sandbox\n");
        assertThat(err.toString()).contains("SUCCEEDED");
    }

    @Test
    void failingProgramExitsOneAndJsonHasTheWholeShape() throws IOException {
        int code = run("exec", "--no-validate", "--json", file("fail.py", "import sys\nprint('x')\nsys.exit(4)"));

        assertThat(code).isEqualTo(AgenticCli.NOT_OK);
        JsonNode j = json();
        assertThat(j.get("status").asText()).isEqualTo("FAILED");
        assertThat(j.get("exitCode").asInt()).isEqualTo(4);
        assertThat(j.get("signal").isNull()).isTrue();
        assertThat(j.get("limit").isNull()).isTrue();
        assertThat(j.get("stdout").asText()).isEqualTo("x\n");
        assertThat(j.get("stderr").asText()).isEmpty();
        assertThat(j.get("stdoutTruncated").asBoolean()).isFalse();
        assertThat(j.get("stderrTruncated").asBoolean()).isFalse();
        assertThat(j.get("durationMs").asLong()).isPositive();
        assertThat(j.get("files").isArray()).isTrue();
        assertThat(j.get("findings").isArray()).isTrue();
        assertThat(j.get("network").isArray()).isTrue();
    }

    @Test
    void timeoutIsTimedOutWithWallLimitAndExitOne() throws IOException {
        int code = run(
                "exec",
                "--no-validate",
                "--json",
                "--timeout",
                "700ms",
                file("hang.py", "import time\nprint('partial', flush=True)\ntime.sleep(60)"));

        assertThat(code).isEqualTo(AgenticCli.NOT_OK);
        JsonNode j = json();
        assertThat(j.get("status").asText()).isEqualTo("TIMED_OUT");
        assertThat(j.get("limit").asText()).isEqualTo("wall");
        assertThat(j.get("stdout").asText()).isEqualTo("partial\n");
    }

    @Test
    void outputCapAndMemoryFlagsAreApplied() throws IOException {
        int code = run(
                "exec",
                "--no-validate",
                "--json",
                "--max-output",
                "2k",
                "--memory",
                "256m",
                file("flood.py", "while True:\n    print('y' * 100)"));

        JsonNode j = json();
        assertThat(code).isEqualTo(AgenticCli.NOT_OK);
        assertThat(j.get("status").asText()).isEqualTo("KILLED");
        assertThat(j.get("limit").asText()).isEqualTo("output");
        assertThat(j.get("signal").asInt()).isEqualTo(9);
        assertThat(j.get("stdoutTruncated").asBoolean()).isTrue();
        assertThat(j.get("stdout").asText().length()).isLessThanOrEqualTo(2048);
    }

    @Test
    void envSecretInputAndOutputFlagsWork() throws IOException {
        String input = file("data.csv", "a,b\n");
        String secretValue = System.getenv("HOME");
        int code = run(
                "exec",
                "--no-validate",
                "--json",
                "--env",
                "MODE=test",
                "--secret",
                "TOKEN=env:HOME",
                "--input",
                input,
                "--output",
                "*.txt",
                file(
                        "io.py",
                        "import os\n"
                                + "print(os.environ['MODE'], os.environ['TOKEN'], open('data.csv').read().strip())\n"
                                + "open('result.txt', 'w').write('done')"));

        assertThat(code).as(err.toString()).isZero();
        JsonNode j = json();
        assertThat(j.get("stdout").asText()).isEqualTo("test [REDACTED] a,b\n").doesNotContain(secretValue);
        assertThat(j.get("files").get(0).get("path").asText()).isEqualTo("result.txt");
        assertThat(j.get("files").get(0).get("size").asInt()).isEqualTo(4);
    }

    @Test
    void allowHostStartsTheEgressProxyAndItsDecisionsAreInTheJson() throws IOException {
        int code = run(
                "exec",
                "--no-validate",
                "--json",
                "--allow-host",
                "example.org",
                file(
                        "net.py",
                        "import urllib.request\ntry:\n    urllib.request.urlopen('http://127.0.0.1:9/', timeout=5)\n"
                                + "except Exception as e:\n    print('refused', getattr(e, 'code', ''))"));

        assertThat(code).as(err.toString()).isZero();
        JsonNode j = json();
        assertThat(j.get("stdout").asText()).isEqualTo("refused 403\n");
        JsonNode d = j.get("network").get(0);
        assertThat(d.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(d.get("port").asInt()).isEqualTo(9);
        assertThat(d.get("allowed").asBoolean()).isFalse();
        assertThat(d.get("reason").asText()).isNotBlank();
    }

    @Test
    void javaFileRuns() throws IOException {
        int code = run(
                "exec",
                "--no-validate",
                file(
                        "Hello.java",
                        "class Hello { public static void main(String[] a) { System.out.println(\"hi from java\"); } }"));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("hi from java\n");
    }

    @Test
    void missingSecretVariableIsAUsageError() throws IOException {
        int code =
                run("exec", "--no-validate", "--secret", "K=env:AGENTIC_SURELY_UNSET_VARIABLE", file("a.py", "pass"));

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("AGENTIC_SURELY_UNSET_VARIABLE");
    }

    @Test
    void badFlagValuesAreUsageErrors() throws IOException {
        assertThat(run("exec", "--no-validate", "--timeout", "soon", file("b.py", "pass")))
                .isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("--timeout");
        assertThat(run("exec", "--no-validate", file("c.txt", "pass"))).isEqualTo(AgenticCli.USAGE);
        assertThat(run("exec", "--no-validate", "--secret", "K=vault:x", file("d.py", "pass")))
                .isEqualTo(AgenticCli.USAGE);
    }

    @Test
    void validationRunsFirstUnlessSwitchedOff() throws IOException {
        String path = file("v.py", "import subprocess\nsubprocess.run(['ls'])\nprint('ran')");
        int code = run("exec", "--json", path);

        if (CodeValidator.supportedLanguages().contains(Language.PYTHON)) {
            assertThat(CodeValidator.forLanguage(Language.PYTHON, ValidationPolicy.standard()))
                    .isNotNull();
            assertThat(code).isEqualTo(AgenticCli.NOT_OK);
            JsonNode j = json();
            assertThat(j.get("status").asText()).isEqualTo("REJECTED");
            assertThat(j.get("findings").size()).isPositive();
            assertThat(j.get("exitCode").isNull()).isTrue();
        } else {
            assertThat(code).isEqualTo(AgenticCli.USAGE);
            assertThat(err.toString()).contains("--no-validate");
        }
    }

    @Test
    void validProgramPassesValidationAndRuns() throws IOException {
        int code = run("exec", file("ok.py", "import json\nprint(json.dumps({'sum': 1 + 2}))"));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("{\"sum\": 3}\n");
    }

    @Test
    void javaProgramIsValidatedThenRun() throws IOException {
        int code = run(
                "exec",
                "--json",
                file(
                        "Sum.java",
                        "public class Sum {\n"
                                + "    public static void main(String[] args) {\n        System.out.println(2 + 3);\n    }\n}\n"));

        assertThat(code).as(out + err.toString()).isZero();
        assertThat(json().get("stdout").asText()).isEqualTo("5\n");
        assertThat(json().get("findings").size()).isZero();
    }

    @Test
    void unitsParse() {
        assertThat(CliValues.duration("--timeout", "1500ms").toMillis()).isEqualTo(1500);
        assertThat(CliValues.duration("--timeout", "2m").toSeconds()).isEqualTo(120);
        assertThat(CliValues.duration("--timeout", "7").toSeconds()).isEqualTo(7);
        assertThat(CliValues.size("--memory", "512m")).isEqualTo(512L << 20);
        assertThat(CliValues.size("--memory", "1g")).isEqualTo(1L << 30);
        assertThat(CliValues.size("--memory", "64KiB")).isEqualTo(64L << 10);
        assertThat(CliValues.displayable("a\u001b[2Jb\n")).isEqualTo("a?[2Jb\n");
    }
}
