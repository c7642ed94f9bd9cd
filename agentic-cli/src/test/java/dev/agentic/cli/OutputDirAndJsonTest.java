package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.RunId;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.store.InMemoryArtifactStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirAndJsonTest {
    private static final String WRITES_FILES = "import os\nos.makedirs('sub', exist_ok=True)\n"
            + "open('out.csv', 'w').write('a,b\\n')\nopen('sub/deep.csv', 'w').write('c\\n')\nprint('done')";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void execWritesCollectedFilesIntoTheOutputDirAndJsonSaysWhere() throws Exception {
        Path program = Files.writeString(dir.resolve("files.py"), WRITES_FILES);
        Path target = dir.resolve("collected");

        int code = run(
                "exec",
                program.toString(),
                "--output",
                "**/*.csv",
                "--output",
                "*.csv",
                "--output-dir",
                target.toString(),
                "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(target.resolve("out.csv")).hasContent("a,b");
        JsonNode files = json().get("files");
        assertThat(files).isNotEmpty();
        for (JsonNode f : files) {
            Path saved = Path.of(f.get("savedAs").asText());
            assertThat(saved).startsWith(target.toRealPath()).exists();
        }
    }

    @Test
    void runStoresOutputFilesWithTheRecordAndWritesThemToTheOutputDir() throws Exception {
        Path answer = Files.writeString(dir.resolve("a.md"), "```python\n" + WRITES_FILES + "\n```\n");
        Path target = dir.resolve("out");

        int code = run(
                "run",
                "Write a csv",
                "--model",
                "scripted:" + answer,
                "--store",
                dir.resolve("runs").toString(),
                "--output",
                "*.csv",
                "--output-dir",
                target.toString(),
                "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode j = json();
        assertThat(j.get("reason").isNull()).isTrue();
        JsonNode csv = j.get("outputs").get(0);
        assertThat(csv.get("path").asText()).isEqualTo("out.csv");
        assertThat(Path.of(csv.get("stored").asText())).hasContent("a,b");
        assertThat(Path.of(csv.get("savedAs").asText())).hasContent("a,b");
        assertThat(target.resolve("out.csv")).hasContent("a,b");
        assertThat(j.get("records").get(j.get("records").size() - 1).asText())
                .isEqualTo(csv.get("stored").asText().replace(".files/out.csv", ".json"));
    }

    @Test
    void runJsonReportsAnErroredWorkflowWithItsKindMessageAndRecord() throws Exception {
        Path answer = Files.writeString(dir.resolve("a.md"), "```python\nprint(1)\n```\n");

        int code = run(
                "run",
                "Print one",
                "--model",
                "scripted:" + answer,
                "--store",
                dir.resolve("runs").toString(),
                "--secret",
                "KEY=env:AGENTIC_TEST_SURELY_UNSET_VARIABLE",
                "--json");

        assertThat(code).isEqualTo(AgenticCli.NOT_OK);
        JsonNode j = json();
        assertThat(j.get("status").asText()).isEqualTo("ERROR");
        assertThat(j.at("/error/kind").asText()).isEqualTo("SECRET");
        assertThat(j.at("/error/message").asText()).contains("AGENTIC_TEST_SURELY_UNSET_VARIABLE");
        assertThat(j.get("reason").asText()).isEqualTo(j.at("/error/message").asText());
        assertThat(j.get("records")).hasSize(1);
        assertThat(Path.of(j.get("records").get(0).asText())).exists();
    }

    @Test
    void runJsonOfAFailedWorkflowSaysWhyItFailed() throws Exception {
        Path answer = Files.writeString(dir.resolve("a.md"), "```python\nraise SystemExit(3)\n```\n");

        int code = run(
                "run",
                "Fail",
                "--model",
                "scripted:" + answer,
                "--store",
                dir.resolve("runs").toString(),
                "--max-attempts",
                "1",
                "--json");

        assertThat(code).isEqualTo(AgenticCli.NOT_OK);
        JsonNode j = json();
        assertThat(j.get("status").asText()).isEqualTo("FAILED");
        assertThat(j.get("reason").asText()).contains("FAILED (exit 3)");
    }

    @Test
    void runJsonOfAConfigurationErrorIsJsonToo() throws Exception {
        assertThat(run("run", "x", "--model", "nope:x", "--json")).isEqualTo(AgenticCli.USAGE);
        JsonNode j = json();
        assertThat(j.get("status").asText()).isEqualTo("ERROR");
        assertThat(j.at("/error/kind").asText()).isEqualTo("CONFIGURATION");
    }

    @Test
    void costsPrintAsPlainDecimalsAndStoredOutputsAreListed() {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        WorkflowResult result = WorkflowResult.builder()
                .runId(RunId.random())
                .task(Task.of("x"))
                .status(WorkflowStatus.SUCCEEDED)
                .estimatedCostUsd(new BigDecimal("0.00000001000"))
                .outputKeys(Map.of("a.csv", "executions/default/success_1.files/a.csv"))
                .build();

        String text = ResultJson.write(ResultJson.workflow(result, store, Map.of()));

        assertThat(text).contains("\"estimatedCostUsd\":0.00000001").doesNotContain("E-");
        assertThat(text.lines()).hasSize(1);
    }

    @Test
    void outputFilesAreWrittenUnderSafeNamesAndNeverOutsideTheDirectory() throws Exception {
        Path target = dir.resolve("t");
        Map<String, Path> written = CliFiles.writeAll(
                target,
                List.of(
                        new OutputFile("../../escape.txt", "x".getBytes(StandardCharsets.UTF_8)),
                        new OutputFile("/abs/.hidden", "y".getBytes(StandardCharsets.UTF_8)),
                        new OutputFile("a/b/c.txt", "z".getBytes(StandardCharsets.UTF_8))));

        Path root = target.toRealPath();
        assertThat(written.values())
                .allSatisfy(p -> assertThat(p).startsWith(root).exists());
        assertThat(written.get("../../escape.txt")).isEqualTo(root.resolve("escape.txt"));
        assertThat(written.get("/abs/.hidden")).isEqualTo(root.resolve("abs/_.hidden"));
        assertThat(dir.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void anOutputFileIsNeverWrittenThroughASymbolicLink() throws Exception {
        Path target = Files.createDirectories(dir.resolve("t"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(target.resolve("link"), outside);

        int code = 0;
        try {
            CliFiles.writeAll(target, List.of(new OutputFile("link/x.txt", new byte[] {1})));
        } catch (RuntimeException e) {
            code = 2;
            assertThat(e).hasMessageContaining("symbolic link");
        }
        assertThat(code).isEqualTo(2);
        assertThat(outside.resolve("x.txt")).doesNotExist();
    }
}
