package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model}, {@code --sandbox}, {@code --store} and {@code --secret} resolved through the providers. */
class ProviderOptionsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private String answer(String code) throws IOException {
        return Files.writeString(dir.resolve("answer.md"), "```python\n" + code + "\n```\n")
                .toString();
    }

    @Test
    void fileStoreSpecWritesTheRecordsIntoThatDirectory() throws Exception {
        int code = run(
                "run",
                "Print 1",
                "--model",
                "scripted:" + answer("print(1)"),
                "--store",
                "file:" + dir.resolve("records"),
                "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode records = new ObjectMapper().readTree(out.toString()).get("records");
        assertThat(records).hasSize(2);
        assertThat(Path.of(records.get(0).asText()))
                .startsWith(dir.resolve("records"))
                .exists();
    }

    @Test
    void unknownStoreSchemeIsAUsageErrorListingTheDirectoryForm() throws Exception {
        int code = run("run", "x", "--model", "scripted:" + answer("print(1)"), "--store", "gs://bucket/prefix");

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString())
                .contains("Unknown --store provider 'gs' in 'gs://bucket/prefix'", "DIR | file:DIR", "s3://BUCKET");
    }

    @Test
    void unknownSandboxIsAUsageErrorListingLocal() throws Exception {
        int code = run("run", "x", "--model", "scripted:" + answer("print(1)"), "--sandbox", "docker");

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString())
                .contains("Unknown --sandbox provider 'docker'", "local  the restricted local sandbox");
    }

    @Test
    void unknownSecretSchemeIsAUsageErrorListingEverySecretProvider() throws Exception {
        int code = run(
                "run",
                "x",
                "--model",
                "scripted:" + answer("print(1)"),
                "--secret",
                "K=vault:x",
                "--store",
                dir.resolve("runs").toString());

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString())
                .contains("Unknown --secret provider 'vault' in 'vault:x'", "env:VARIABLE", "testvault:NAME");
    }

    @Test
    void secretsOfTwoBackendsReachOneProgramAndAreBothRedacted() throws Exception {
        String program = answer("import os\nprint(os.environ['A'])\nprint(os.environ['B'])");

        int code = run(
                "run",
                "x",
                "--model",
                "scripted:" + program,
                "--secret",
                "A=env:HOME",
                "--secret",
                "B=testvault:payments/key",
                "--store",
                dir.resolve("runs").toString(),
                "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.at("/result/stdout").asText())
                .isEqualTo("[REDACTED]\n[REDACTED]\n")
                .doesNotContain(TestVaultSecretFactory.VALUE);
    }

    @Test
    void execResolvesSecretsOfTheSecondBackendToo() throws Exception {
        Path program = Files.writeString(dir.resolve("s.py"), "import os\nprint(os.environ['B'])");

        int code = run("exec", "--no-validate", "--json", "--secret", "B=testvault:payments/key", program.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("stdout").asText())
                .isEqualTo("[REDACTED]\n");
    }
}
