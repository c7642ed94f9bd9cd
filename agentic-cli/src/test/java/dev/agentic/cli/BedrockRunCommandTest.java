package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentic.testkit.aws.BedrockReply;
import dev.agentic.testkit.aws.FakeBedrockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentic run --model bedrock:… --region R} end to end against {@link FakeBedrockServer}, configured by
 * the standard AWS settings (their system properties here, so the environment stays untouched).
 */
class BedrockRunCommandTest {
    private static final String MODEL = "us.anthropic.claude-3-7-sonnet-20250219-v1:0";
    private static final String[] SETTINGS = {
        "aws.region",
        "aws.accessKeyId",
        "aws.secretAccessKey",
        "aws.sessionToken",
        "aws.endpointUrlBedrockRuntime",
        "aws.sharedCredentialsFile",
        "aws.configFile",
        "aws.disableEc2Metadata"
    };

    @TempDir
    Path dir;

    private final Map<String, String> saved = new HashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private void set(String key, String value) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private void clear(String key) {
        saved.putIfAbsent(key, System.getProperty(key));
        System.clearProperty(key);
    }

    @AfterEach
    void restore() {
        for (String key : SETTINGS) {
            if (!saved.containsKey(key)) {
                continue;
            }
            String old = saved.get(key);
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    private int run(String... args) {
        return AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private void fakeCredentialsAndEndpoint(FakeBedrockServer server) {
        clear("aws.region");
        set("aws.accessKeyId", "AKIAFAKEFAKEFAKE1234");
        set("aws.secretAccessKey", "fake-secret");
        set("aws.endpointUrlBedrockRuntime", server.endpoint().toString());
    }

    @Test
    void runWithABedrockModelAndRegionWritesAndRunsTheProgramSignedForThatRegion() throws Exception {
        try (FakeBedrockServer server = FakeBedrockServer.start()) {
            fakeCredentialsAndEndpoint(server);
            server.script(MODEL, BedrockReply.text("Here it is:\n```python\nprint(6 * 7)\n```\n"));

            int code = run(
                    "run",
                    "Print six times seven",
                    "--model",
                    "bedrock:" + MODEL,
                    "--region",
                    "us-west-2",
                    "--store",
                    dir.resolve("runs").toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo("42\n");
            assertThat(server.requests(MODEL)).hasSize(1);
            assertThat(server.requests().get(0).header("authorization")).contains("/us-west-2/bedrock/");
        }
    }

    @Test
    void streamShowsTheBedrockAnswerOnTheTerminalInOrderAsItArrives() throws Exception {
        try (FakeBedrockServer server = FakeBedrockServer.start()) {
            fakeCredentialsAndEndpoint(server);
            String answer = "```python\nfor word in ['alpha', 'beta', 'gamma']:\n    print(word)\n```\n";
            server.script(MODEL, BedrockReply.text(answer).withChunkSize(3));

            int code = run(
                    "run",
                    "Print three words",
                    "--model",
                    "bedrock:" + MODEL,
                    "--region",
                    "us-west-2",
                    "--stream",
                    "--store",
                    dir.resolve("runs").toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(server.requests().get(0).streaming()).isTrue();
            assertThat(err.toString()).contains(answer.strip());
            assertThat(out.toString()).isEqualTo("alpha\nbeta\ngamma\n");
        }
    }

    @Test
    void missingCredentialsIsAUsageErrorInOneLineSayingWhatToSet() throws Exception {
        assumeTrue(
                Stream.of(
                                "AWS_ACCESS_KEY_ID",
                                "AWS_SECRET_ACCESS_KEY",
                                "AWS_SESSION_TOKEN",
                                "AWS_PROFILE",
                                "AWS_WEB_IDENTITY_TOKEN_FILE",
                                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                                "AWS_BEARER_TOKEN_BEDROCK")
                        .allMatch(name -> System.getenv(name) == null),
                "this machine has AWS credentials of its own");
        assumeTrue(System.getProperty("aws.bearerTokenBedrock") == null, "aws.bearerTokenBedrock is set");
        Path empty = Files.createFile(dir.resolve("empty-aws-file"));
        clear("aws.accessKeyId");
        clear("aws.secretAccessKey");
        clear("aws.sessionToken");
        set("aws.sharedCredentialsFile", empty.toString());
        set("aws.configFile", empty.toString());
        set("aws.disableEc2Metadata", "true");

        int code = run("run", "print hello", "--model", "bedrock:" + MODEL, "--region", "us-west-2");

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString().strip())
                .contains("AWS_ACCESS_KEY_ID")
                .doesNotContain("\n")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aRegionThatIsNotANameIsAUsageErrorNamingTheOption() {
        int code = run("run", "print hello", "--model", "bedrock:" + MODEL, "--region", "us west 2");

        assertThat(code).isEqualTo(AgenticCli.USAGE);
        assertThat(err.toString().strip())
                .contains("--region 'us west 2' is not a region name", "us-west-2")
                .doesNotContain("ProviderContext")
                .doesNotContain("\n");
    }
}
