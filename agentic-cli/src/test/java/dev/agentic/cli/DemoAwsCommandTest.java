package dev.agentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.bedrock.BedrockModels;
import dev.agentic.cli.demo.LocalAws;
import dev.agentic.cli.demo.PaymentsApi;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.model.ModelException;
import dev.agentic.testkit.aws.RecordedBedrockRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentic demo aws} end to end: the real Bedrock, Secrets Manager and S3 clients of the SDK, built from
 * the standard AWS settings, against the fake Bedrock, the fake Secrets Manager and s3proxy, with the local
 * bubblewrap sandbox and the local payments API.
 */
class DemoAwsCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoAwsFallsBackPastTheThrottledModelCreatesAliceAndReadsBothKeysBackFromS3() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = AgenticCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "demo", "aws");

        String text = out.toString();
        assertThat(code).as(text + err).isZero();
        assertThat(text)
                .contains("LOCAL STAND-INS", "FAKE Bedrock", "FAKE Secrets Manager", "s3proxy in this process")
                .contains("AWS_ENDPOINT_URL_BEDROCK_RUNTIME=http://127.0.0.1:", "AWS_ENDPOINT_URL_S3=http://127.0.0.1:")
                .contains("On AWS, set instead: AWS_REGION")
                .contains("model " + BedrockModels.CLAUDE_3_7_SONNET + ": THROTTLED → falling back")
                .contains("model " + BedrockModels.NOVA_PREMIER + ": answered")
                .containsPattern("Customer created: cus_[A-Za-z0-9]{14} \\(fetched back from the payments API: "
                        + "name=Alice\\)")
                .containsPattern("\n  generated/stripe/Create_a_Stripe_customer_named_Alice_and_print_her_id_"
                        + "\\d{8}_\\d{6}\\.py  \\(\\d+ bytes\\)")
                .containsPattern("\n  executions/stripe/success_\\d{8}_\\d{6}\\.json  \\(\\d+ bytes\\)")
                .doesNotContain("sk_test_");
        assertThat(System.getProperty("aws.endpointUrlS3"))
                .as("settings restored")
                .isNull();
        assertThat(System.getProperty("aws.region")).isNull();
    }

    @Test
    void demoAwsWithAgentCoreRunsTheProgramThroughTheFakeCodeInterpreterAndSaysItFiltersNoHosts() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = AgenticCli.run(
                new PrintWriter(out, true), new PrintWriter(err, true), "demo", "aws", "--sandbox", "agentcore");

        String text = out.toString();
        assertThat(code).as(text + err).isZero();
        assertThat(text)
                .contains("FAKE AgentCore Code Interpreter", "AWS_ENDPOINT_URL_BEDROCK_AGENTCORE=http://127.0.0.1:")
                .contains("AgentCore filters no hosts per run")
                .containsPattern("Customer created: cus_[A-Za-z0-9]{14} \\(fetched back from the payments API: "
                        + "name=Alice\\)")
                .containsPattern("\n  executions/stripe/success_\\d{8}_\\d{6}\\.json")
                .doesNotContain("sk_test_");
        assertThat(System.getProperty("aws.endpointUrlBedrockAgentCore")).isNull();
    }

    @Test
    void theKeyComesFromSecretsManagerAndReachesNeitherBedrockNorTheStoredObjects() throws Exception {
        List<WorkflowEvent> events = new CopyOnWriteArrayList<>();
        try (LocalAws aws = LocalAws.start(DemoAwsRun.BUCKET);
                PaymentsApi api = DemoAwsRun.startApi()) {
            DemoAwsRun.Outcome outcome = DemoAwsRun.run(aws, api, dir.resolve("spool"), events::add, false);

            assertThat(outcome.result().succeeded()).isTrue();
            assertThat(outcome.customerName()).contains("Alice");
            assertThat(outcome.secretRequests()).isEqualTo(1);
            assertThat(aws.secrets().requests().get(0).secretId()).isEqualTo(DemoAwsRun.SECRET_ID);
            assertThat(outcome.result().finalResult().orElseThrow().output().network())
                    .allSatisfy(d -> assertThat(d.host()).isEqualTo(api.host()));
            assertThat(events)
                    .filteredOn(WorkflowEvent.ModelCalled.class::isInstance)
                    .map(e -> ((WorkflowEvent.ModelCalled) e).call())
                    .satisfiesExactly(
                            throttled -> assertThat(throttled.failure()).contains(ModelException.Kind.THROTTLED),
                            answered -> assertThat(answered.modelId()).isEqualTo(BedrockModels.NOVA_PREMIER));
            assertThat(outcome.result().estimatedCostUsd()).isPresent();
            assertThat(outcome.objects()).hasSize(2);
            outcome.objects()
                    .forEach((key, bytes) -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                            .as(key)
                            .doesNotContain(api.apiKey()));
            String code = outcome.objects().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("generated/stripe/"))
                    .map(e -> new String(e.getValue(), StandardCharsets.UTF_8))
                    .findFirst()
                    .orElseThrow();
            assertThat(code).contains("os.environ[\"STRIPE_API_KEY\"]");
            for (RecordedBedrockRequest r : aws.bedrock().requests()) {
                assertThat(r.body().toString()).doesNotContain(api.apiKey());
            }
            assertThat(api.customerCount()).isEqualTo(1);
        }
    }
}
