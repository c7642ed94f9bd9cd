package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.testkit.openai.FakeOpenAiServer;
import dev.agentic.testkit.openai.OpenAiReply;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentic run --model openai:MODEL} end to end against {@link FakeOpenAiServer}: in a child process
 * configured by {@code OPENAI_BASE_URL} and {@code OPENAI_API_KEY}, and in process by the equivalent system
 * properties ({@code openai.baseUrl}, {@code openai.apiKey}).
 */
class OpenAiModelOptionTest {
    private static final String KEY = "sk-cli-test-0123456789";
    private static final String ANSWER = "Here it is:\n```python\nprint(6 * 7)\n```\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void clearProperties() {
        System.clearProperty("openai.baseUrl");
        System.clearProperty("openai.apiKey");
    }

    @Test
    void runWithAnOpenAiModelReadsOpenAiBaseUrlFromTheEnvironmentAndRunsTheProgram() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.script("gpt-4o-mini", OpenAiReply.text(ANSWER));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    AgenticCli.class.getName(),
                    "run",
                    "Print six times seven",
                    "--model",
                    "openai:gpt-4o-mini",
                    "--store",
                    dir.resolve("runs").toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .redirectOutput(dir.resolve("stdout.txt").toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("OPENAI_"));
            env.put("OPENAI_BASE_URL", server.baseUrl());
            env.put("OPENAI_API_KEY", KEY);

            Process process = builder.start();
            boolean ended = process.waitFor(180, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String stdout = Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
            String stderr = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);

            assertThat(ended).as("the CLI ended within 180 s").isTrue();
            assertThat(process.exitValue()).as(stderr).isZero();
            assertThat(stdout).isEqualTo("42\n");
            assertThat(server.requests("gpt-4o-mini")).hasSize(1);
            assertThat(server.requests().get(0).header("authorization")).isEqualTo("Bearer " + KEY);
            assertThat(stdout + stderr).doesNotContain(KEY);
        }
    }

    @Test
    void streamShowsTheOpenAiAnswerAsItArrives() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.script("gpt-4o-mini", OpenAiReply.text(ANSWER).withChunkSize(3));
            System.setProperty("openai.baseUrl", server.baseUrl());
            System.setProperty("openai.apiKey", KEY);

            int code = AgenticCli.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "run",
                    "Print six times seven",
                    "--model",
                    "openai:gpt-4o-mini",
                    "--stream",
                    "--store",
                    dir.resolve("runs").toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(server.requests().get(0).streaming()).isTrue();
            assertThat(err.toString()).contains("print(6 * 7)");
            assertThat(out.toString()).isEqualTo("42\n");
        }
    }

    @Test
    void aRefusedKeyIsOneLineNamingTheVariableToCheck() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.script("gpt-4o-mini", OpenAiReply.error(401, "invalid_api_key", "Incorrect API key provided"));
            System.setProperty("openai.baseUrl", server.baseUrl());
            System.setProperty("openai.apiKey", KEY);

            int code = AgenticCli.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "run",
                    "Print six times seven",
                    "--model",
                    "openai:gpt-4o-mini",
                    "--store",
                    dir.resolve("runs").toString());

            assertThat(code).isNotZero();
            assertThat(err.toString())
                    .contains("OPENAI_API_KEY")
                    .doesNotContain(KEY)
                    .doesNotContain("\tat ");
        }
    }
}
