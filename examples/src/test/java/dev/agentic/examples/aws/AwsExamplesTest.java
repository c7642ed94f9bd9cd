package dev.agentic.examples.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.bedrock.BedrockModels;
import dev.agentic.cli.demo.DemoAnswers;
import dev.agentic.cli.demo.InterpreterNetwork;
import dev.agentic.cli.demo.LocalAws;
import dev.agentic.cli.demo.PaymentsApi;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.testkit.aws.BedrockReply;
import dev.agentic.testkit.aws.FakeAgentCoreServer;
import dev.agentic.testkit.aws.RecordedBedrockRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The AWS examples, run as a user would run them but with the standard AWS endpoint settings pointing at the
 * testkit's fake Bedrock and Secrets Manager and at s3proxy ({@link LocalAws}); the API is the local payments
 * API, the sandbox the real local one.
 */
class AwsExamplesTest {
    private static final String BUCKET = "agentic-api-developer-test-code-storage";
    private static final String SECRET_ID = "agentic-api-developer/stripe/test-key";
    private static final String CODE = DemoAnswers.createCustomer("STRIPE_API_BASE", "STRIPE_API_KEY");

    @TempDir
    Path dir;

    private LocalAws aws;
    private LocalAws.Applied settings;
    private PaymentsApi api;
    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text, true);
    private final List<WorkflowEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        aws = LocalAws.start(BUCKET);
        api = PaymentsApi.start();
        aws.secrets().putSecretString(SECRET_ID, "{\"api_key\":\"" + api.apiKey() + "\"}");
        settings = aws.apply();
    }

    @AfterEach
    void stop() {
        settings.close();
        api.close();
        aws.close();
    }

    private <T> T example(T command, String... args) {
        return CommandLine.populateCommand(command, args);
    }

    @Test
    void apiDeveloperFallsBackPastTheThrottledModelAndStoresCodeAndRecordUnderTheReferenceLayout() {
        aws.bedrock()
                .script(BedrockModels.CLAUDE_3_7_SONNET, BedrockReply.error(429, "ThrottlingException", "slow down"))
                .script(BedrockModels.NOVA_PREMIER, BedrockReply.text(CODE));

        ApiDeveloperOnAws.Outcome outcome = example(
                        new ApiDeveloperOnAws(),
                        "--bucket",
                        BUCKET,
                        "--prefix",
                        "dev/",
                        "--sse",
                        "bucket",
                        "--api-base-url",
                        api.baseUrl(),
                        "--spool",
                        dir.resolve("spool").toString())
                .run(out, events::add);

        WorkflowResult result = outcome.result();
        assertThat(result.succeeded()).as(text.toString()).isTrue();
        assertThat(result.modelCalls()).isEqualTo(1);
        String id = result.finalResult().orElseThrow().stdout().strip();
        assertThat(api.customer(id))
                .hasValueSatisfying(c -> assertThat(c.path("name").asText()).isEqualTo("Alice"));
        assertThat(events)
                .filteredOn(WorkflowEvent.ModelCalled.class::isInstance)
                .map(e -> ((WorkflowEvent.ModelCalled) e).call())
                .satisfiesExactly(
                        first -> assertThat(first.failure()).contains(ModelException.Kind.THROTTLED),
                        second -> assertThat(second.modelId()).isEqualTo(BedrockModels.NOVA_PREMIER));
        assertThat(aws.secrets().requests())
                .singleElement()
                .satisfies(r -> assertThat(r.secretId()).isEqualTo(SECRET_ID));
        assertThat(result.finalResult().orElseThrow().output().network())
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.host()).isEqualTo(api.host()));

        Map<String, byte[]> objects = aws.objects(BUCKET);
        assertThat(objects.keySet())
                .hasSize(2)
                .anySatisfy(k -> assertThat(k)
                        .matches("dev/generated/stripe/Create_a_Stripe_customer_named_Alice_and_print_her_id_"
                                + "\\d{8}_\\d{6}\\.py"))
                .anySatisfy(k -> assertThat(k).matches("dev/executions/stripe/success_\\d{8}_\\d{6}\\.json"));
        objects.forEach(
                (k, v) -> assertThat(new String(v, StandardCharsets.UTF_8)).doesNotContain(api.apiKey()));
        assertThat(outcome.s3Uris()).allSatisfy(u -> assertThat(u).startsWith("s3://" + BUCKET + "/dev/"));
        assertThat(text.toString()).contains("SUCCEEDED: " + id, "stored s3://" + BUCKET + "/dev/generated/stripe/");
    }

    @Test
    void apiDeveloperWithBedrockAgentFlagLetsTheHostedAgentWriteTheCode() {
        aws.bedrock().script("AGENT12345/ALIAS67890", BedrockReply.text(CODE));

        ApiDeveloperOnAws.Outcome outcome = example(
                        new ApiDeveloperOnAws(),
                        "--bucket",
                        BUCKET,
                        "--sse",
                        "bucket",
                        "--api-base-url",
                        api.baseUrl(),
                        "--bedrock-agent",
                        "AGENT12345/ALIAS67890",
                        "--spool",
                        dir.resolve("spool").toString())
                .run(out, events::add);

        assertThat(outcome.result().succeeded()).as(text.toString()).isTrue();
        assertThat(aws.bedrock().requests())
                .extracting(RecordedBedrockRequest::operation)
                .containsOnly("invoke-agent");
        assertThat(aws.objects(BUCKET).keySet()).anySatisfy(k -> assertThat(k).startsWith("generated/stripe/"));
    }

    @Test
    void apiDeveloperWithAgentCoreRunsTheProgramInTheCodeInterpreter() {
        aws.bedrock().script(BedrockModels.CLAUDE_3_7_SONNET, BedrockReply.text(CODE));
        settings.close();
        try (LocalSandbox backing = LocalSandbox.builder()
                .allowLoopbackHosts(List.of(HostPort.of(api.host(), api.port())))
                .build()) {
            FakeAgentCoreServer agentCore = aws.startAgentCore(new InterpreterNetwork(
                    backing,
                    NetworkPolicy.builder()
                            .allowHost(HostPort.of(api.host(), api.port()))
                            .build()));
            settings = aws.apply();

            ApiDeveloperOnAws.Outcome outcome = example(
                            new ApiDeveloperOnAws(),
                            "--bucket",
                            BUCKET,
                            "--sse",
                            "bucket",
                            "--api-base-url",
                            api.baseUrl(),
                            "--sandbox",
                            "agentcore",
                            "--spool",
                            dir.resolve("spool").toString())
                    .run(out, events::add);

            assertThat(outcome.result().succeeded()).as(text.toString()).isTrue();
            assertThat(agentCore.requests("executeCode")).isNotEmpty();
            assertThat(agentCore.requests("executeCode").toString()).doesNotContain(api.apiKey());
            String id = outcome.result().finalResult().orElseThrow().stdout().strip();
            assertThat(api.customer(id)).isPresent();
            assertThat(aws.objects(BUCKET).keySet())
                    .anySatisfy(k -> assertThat(k).startsWith("executions/stripe/success_"));
        }
    }

    @Test
    void agentOrchestratorCostsMoreModelCallsAndTokensThanThePipelineOnTheSameTask() {
        aws.bedrock()
                .script(
                        BedrockModels.CLAUDE_3_HAIKU,
                        BedrockReply.toolUse("tooluse_1", "generate_code", "{}"),
                        BedrockReply.toolUse("tooluse_2", "execute_code", "{}"),
                        BedrockReply.text("Alice is now a customer; the program printed her id."))
                .script(BedrockModels.CLAUDE_HAIKU_4_5, BedrockReply.text(CODE));

        AgentOrchestratorOnBedrock.Comparison c = example(
                        new AgentOrchestratorOnBedrock(), "--api-base-url", api.baseUrl())
                .run(out, events::add);

        assertThat(c.agent().succeeded()).as(text.toString()).isTrue();
        assertThat(c.pipeline().succeeded()).isTrue();
        assertThat(c.agent().answer()).contains("Alice is now a customer; the program printed her id.");
        assertThat(c.agent().modelCalls()).isEqualTo(4);
        assertThat(c.pipeline().modelCalls()).isEqualTo(1);
        assertThat(c.agent().usage().totalTokens())
                .isGreaterThan(c.pipeline().usage().totalTokens());
        assertThat(c.agent().estimatedCostUsd().orElseThrow())
                .isGreaterThan(c.pipeline().estimatedCostUsd().orElseThrow());
        assertThat(aws.bedrock().requests(BedrockModels.CLAUDE_3_HAIKU)).hasSize(3);
        assertThat(aws.bedrock().requests(BedrockModels.CLAUDE_HAIKU_4_5)).hasSize(2);
        assertThat(api.customerCount()).isEqualTo(2);
        assertThat(text.toString())
                .containsPattern("AgentOrchestrator +SUCCEEDED +4 ")
                .containsPattern("default pipeline +SUCCEEDED +1 ")
                .containsPattern("reference system +6 .*~0\\.008 \\(published\\)");
    }
}
