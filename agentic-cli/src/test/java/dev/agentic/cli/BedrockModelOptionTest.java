package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code --model bedrock:…} is found on the class path and fails early, in one line, without AWS settings. */
class BedrockModelOptionTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void bedrockWithoutARegionIsAUsageErrorInOneLineSayingWhatToSet() {
        assumeTrue(
                System.getenv("AWS_REGION") == null
                        && System.getenv("AWS_DEFAULT_REGION") == null
                        && System.getProperty("aws.region") == null
                        && System.getenv("AWS_PROFILE") == null
                        && System.getenv("AWS_CONFIG_FILE") == null,
                "this machine has AWS settings of its own");
        String previousConfig = System.getProperty("aws.configFile");
        System.setProperty("aws.configFile", "/nonexistent/agentic-test-aws-config");
        try {
            int code = AgenticCli.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "run",
                    "print hello",
                    "--model",
                    "bedrock:us.anthropic.claude-3-7-sonnet-20250219-v1:0");

            assertThat(code).isEqualTo(AgenticCli.USAGE);
            assertThat(err.toString().strip())
                    .contains("AWS_REGION")
                    .doesNotContain("\n")
                    .doesNotContain("\tat ");
        } finally {
            if (previousConfig == null) {
                System.clearProperty("aws.configFile");
            } else {
                System.setProperty("aws.configFile", previousConfig);
            }
        }
    }
}
