package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentic.core.Language;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.testkit.aws.FakeAgentCoreServer;
import dev.agentic.testkit.aws.RecordedAgentCoreRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentic run} and {@code agentic exec} with {@code --sandbox agentcore[:ID]} and {@code --setup}, against
 * {@link FakeAgentCoreServer} (running code in a real local sandbox), configured by the standard AWS settings
 * (their system properties here).
 */
class AgentCoreCommandsTest {
    static final LocalSandbox LOCAL = LocalSandbox.builder().build();
    static final FakeAgentCoreServer SERVER = FakeAgentCoreServer.start(LOCAL);

    @TempDir
    Path dir;

    private final Map<String, String> saved = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterAll
    static void stop() {
        SERVER.close();
        LOCAL.close();
    }

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @BeforeEach
    void standardSettings() {
        set("aws.region", "us-east-1");
        set("aws.accessKeyId", "AKIAFAKEFAKEFAKE1234");
        set("aws.secretAccessKey", "fake-secret");
        set("aws.endpointUrlBedrockAgentCore", SERVER.endpoint().toString());
    }

    @AfterEach
    void restore() {
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void execRunsTheFileInTheNamedInterpreterAfterTheSetUpCommand() throws Exception {
        Path program = Files.writeString(dir.resolve("hello.py"), "print(open('marker.txt').read().strip() + '!')\n");

        int code = run(
                "exec",
                program.toString(),
                "--sandbox",
                "agentcore:team-interpreter",
                "--setup",
                "echo ready > marker.txt");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("ready!\n");
        List<RecordedAgentCoreRequest> commands = SERVER.requests("executeCommand");
        assertThat(commands.get(commands.size() - 1).identifier()).isEqualTo("team-interpreter");
        assertThat(SERVER.activeSessions()).isZero();
    }

    @Test
    void execTakesJavaScriptFromTheExtensionAndSendsThatLanguage() throws Exception {
        assumeTrue(
                LOCAL.capabilities().runs(Language.JAVASCRIPT),
                "the local sandbox behind the fake does not run JavaScript here (no Node.js found)");
        Path program =
                Files.writeString(dir.resolve("main.js"), "console.log([1, 2, 3].map((n) => n * 2).join(\",\"));\n");

        int code = run("exec", program.toString(), "--sandbox", "agentcore", "--no-validate");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("2,4,6\n");
        List<RecordedAgentCoreRequest> runs = SERVER.requests("executeCode");
        assertThat(runs.get(runs.size() - 1).arguments().path("language").asText())
                .isEqualTo("javascript");
        assertThat(SERVER.activeSessions()).isZero();
    }

    @Test
    void runGeneratesAndRunsTheProgramInTheDefaultInterpreter() throws Exception {
        Path answer = Files.writeString(dir.resolve("answer.md"), "```python\nprint(6 * 7)\n```\n");

        int code = run(
                "run",
                "Print six times seven",
                "--model",
                "scripted:" + answer,
                "--sandbox",
                "agentcore",
                "--setup",
                "true",
                "--store",
                dir.resolve("runs").toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("42\n");
        List<RecordedAgentCoreRequest> runs = SERVER.requests("executeCode");
        assertThat(runs.get(runs.size() - 1).identifier()).isEqualTo(FakeAgentCoreServer.DEFAULT_IDENTIFIER);
        assertThat(SERVER.activeSessions()).isZero();
    }

    @Test
    void aMissingRegionIsAOneLineUsageError() throws Exception {
        assumeTrue(
                Stream.of("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE").allMatch(n -> System.getenv(n) == null),
                "this machine names an AWS region of its own");
        System.clearProperty("aws.region");
        Path program = Files.writeString(dir.resolve("p.py"), "print(1)\n");

        int code = run("exec", program.toString(), "--sandbox", "agentcore");

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString())
                .contains("needs an AWS region")
                .doesNotContain("--no-validate")
                .doesNotContain("\tat ");
    }
}
