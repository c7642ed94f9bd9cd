package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentic records} and {@code agentic records show} on a directory store. */
class RecordsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void workflow(String integration, String code) throws Exception {
        Path answer = Files.writeString(dir.resolve(integration + ".md"), "```python\n" + code + "\n```\n");
        run(
                "run",
                "Task for " + integration,
                "--model",
                "scripted:" + answer,
                "--max-attempts",
                "1",
                "--integration",
                integration,
                "--store",
                dir.resolve("runs").toString());
    }

    @Test
    void recordsListsTheNewestRunsWithStatusTaskAttemptsAndKeyFilteredByIntegration() throws Exception {
        workflow("math", "print(1)");
        workflow("payments", "raise SystemExit(3)");
        out.getBuffer().setLength(0);

        assertThat(run("records", "--store", dir.resolve("runs").toString())).isZero();
        assertThat(out.toString())
                .contains("SUCCEEDED", "Task for math", "executions/math/success_")
                .contains("FAILED", "Task for payments", "executions/payments/failure_");

        out.getBuffer().setLength(0);
        assertThat(run(
                        "records",
                        "--store",
                        dir.resolve("runs").toString(),
                        "--integration",
                        "payments",
                        "--last",
                        "1"))
                .isZero();
        assertThat(out.toString()).contains("Task for payments").doesNotContain("Task for math");
    }

    @Test
    void showPrintsOneRecordWithItsAttemptsAndAnUnknownKeyIsAUsageError() throws Exception {
        workflow("payments", "raise SystemExit(3)");
        out.getBuffer().setLength(0);
        run("records", "--store", dir.resolve("runs").toString());
        String key = out.toString()
                .lines()
                .filter(l -> l.contains("executions/"))
                .findFirst()
                .orElseThrow()
                .replaceAll(".*(executions/\\S+).*", "$1");
        out.getBuffer().setLength(0);

        assertThat(run("records", "--store", dir.resolve("runs").toString(), "show", key))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("status:       FAILED", "attempt 1:", "exit code 3", "raise SystemExit(3)");

        assertThat(run(
                        "records",
                        "show",
                        "executions/none.json",
                        "--store",
                        dir.resolve("runs").toString()))
                .isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString()).contains("no record 'executions/none.json'");
    }

    @Test
    void anEmptyStoreSaysSo() {
        assertThat(run("records", "--store", dir.resolve("empty").toString())).isZero();
        assertThat(err.toString()).contains("No records in");
    }
}
