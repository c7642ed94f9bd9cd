package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunAndDemoCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String answerFile(String name, String code) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "```python\n" + code + "\n```\n");
        return p.toString();
    }

    @Test
    void runRepairsAFailingProgramAndPrintsJsonWithTheFinalResult() throws Exception {
        String a1 = answerFile("a1.md", "raise SystemExit('boom: missing field')");
        String a2 = answerFile("a2.md", "print(6 * 7)");

        int code = run(
                "run",
                "Print six times seven",
                "--model",
                "scripted:" + a1 + "," + a2,
                "--store",
                dir.resolve("runs").toString(),
                "--integration",
                "math",
                "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(j.get("attempts").asInt()).isEqualTo(2);
        assertThat(j.get("modelCalls").asInt()).isEqualTo(2);
        assertThat(j.get("code").asText()).contains("print(6 * 7)");
        assertThat(j.at("/result/stdout").asText()).isEqualTo("42\n");
        assertThat(j.at("/result/exitCode").asInt()).isZero();
        assertThat(j.get("records")).hasSize(2);
        assertThat(Path.of(j.get("records").get(1).asText())).exists();
        assertThat(err.toString()).contains("attempt 2: repairing code", "boom: missing field");
    }

    @Test
    void runThatNeverSucceedsExitsOneWithASummary() throws Exception {
        String bad = answerFile("bad.md", "import subprocess\nsubprocess.run(['id'])");

        int code = run(
                "run",
                "Show the user id",
                "--model",
                "scripted:" + bad,
                "--max-attempts",
                "1",
                "--store",
                dir.resolve("runs").toString());

        assertThat(code).isEqualTo(AgenticCli.NOT_OK);
        assertThat(err.toString()).contains("denied-import", "status: FAILED", "attempts: 1", "records:");
    }

    @Test
    void secretFromTheEnvironmentReferenceIsRequiredAndReportedByName() throws Exception {
        String a = answerFile("a.md", "print('x')");

        int code = run(
                "run",
                "x",
                "--model",
                "scripted:" + a,
                "--secret",
                "API_KEY=env:AGENTIC_TEST_UNSET_VARIABLE",
                "--store",
                dir.resolve("runs").toString());

        assertThat(code).isEqualTo(AgenticCli.NOT_OK);
        assertThat(err.toString()).contains("AGENTIC_TEST_UNSET_VARIABLE");
    }

    @Test
    void unknownModelProviderIsAUsageErrorListingTheAvailableOnes() {
        int code = run("run", "x", "--model", "acme:large");

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("Unknown --model provider 'acme'", "scripted:FILE");
    }

    @Test
    void streamShowsTheModelAnswerAsItIsWritten() throws Exception {
        String a = answerFile("s.md", "print('streamed')");

        int code = run(
                "run",
                "x",
                "--model",
                "scripted:" + a,
                "--stream",
                "--store",
                dir.resolve("runs").toString());

        assertThat(code).isZero();
        assertThat(err.toString()).contains("print('streamed')");
        assertThat(out.toString()).isEqualTo("streamed\n");
    }

    @Test
    void demoRunsTheWholeWorkflowAndSaysTheModelIsScripted() {
        int code = run("demo", "--store", dir.resolve("demo-runs").toString());

        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .contains(
                        "SCRIPTED, OFFLINE",
                        "attempt 2: repairing code",
                        "401",
                        "Customer created: cus_",
                        "name=Alice");
        assertThat(dir.resolve("demo-runs/executions/payments")).isDirectory();
    }
}
