package dev.agentic.benchmarks;

import dev.agentic.bedrock.BedrockChatModel;
import dev.agentic.bedrock.BedrockModels;
import dev.agentic.core.AgentOrchestrator;
import dev.agentic.core.Executor;
import dev.agentic.core.Language;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.PriceTable;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.testkit.aws.BedrockReply;
import dev.agentic.testkit.aws.FakeBedrockServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Model calls, tokens and estimated cost per successful API-developer task ("Create a Stripe customer named
 * Alice and print her id") through {@link BedrockChatModel} and the real AWS SDK client against
 * {@link FakeBedrockServer}: the default pipeline (baseline) and {@link AgentOrchestrator} on the same task.
 * The fake counts tokens the way it reports them to the SDK: a quarter of the characters of the request's JSON
 * (system prompt, messages, tool specifications) in, a quarter of the answer's characters out. Costs use
 * {@link BedrockModels#withPrices}. The sandbox answers at once with the customer's id, so the figures are the
 * SDK's and the model's, not process start-up.
 *
 * <ul>
 *   <li>{@code pipelineHaiku45} (baseline): the pipeline with Claude Haiku 4.5 (the reference's generator model)
 *       writing the code: one model call.
 *   <li>{@code pipelineSonnet37}: the pipeline with Claude 3.7 Sonnet, the first model of the SDK's default chain.
 *   <li>{@code agentHaiku3LeadHaiku45Coder}: Claude 3 Haiku (the reference's orchestrator model) leads and calls
 *       {@code generate_code} (Claude Haiku 4.5 writes) and {@code execute_code}, then answers: four calls.
 * </ul>
 *
 * <p>Counters are totals over the measured iterations; a {@code [bedrock cost]} line per benchmark prints the
 * per-task figures. Run: {@code java -jar benchmarks/target/benchmarks.jar BedrockCostBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class BedrockCostBenchmark {
    static final Task TASK = Task.builder()
            .description("Create a Stripe customer named Alice and print her id")
            .integration("stripe")
            .secret("STRIPE_API_KEY", SecretRef.of("agentic-api-developer/stripe/test-key", "api_key"))
            .allowHost("api.stripe.com")
            .build();

    /** What a model writes for the task: form-encoded POST with the bearer key, as the Stripe API expects. */
    static final String ANSWER = String.join(
            "\n",
            "I'll create the customer with one authenticated POST to the customers endpoint and print her id.",
            "",
            "```python",
            "import json",
            "import os",
            "import sys",
            "import urllib.error",
            "import urllib.parse",
            "import urllib.request",
            "",
            "api_key = os.environ[\"STRIPE_API_KEY\"]",
            "body = urllib.parse.urlencode({\"name\": \"Alice\"}).encode(\"utf-8\")",
            "request = urllib.request.Request(",
            "    \"https://api.stripe.com/v1/customers\",",
            "    data=body,",
            "    headers={\"Authorization\": \"Bearer \" + api_key},",
            "    method=\"POST\",",
            ")",
            "try:",
            "    with urllib.request.urlopen(request, timeout=20) as response:",
            "        customer = json.load(response)",
            "except urllib.error.HTTPError as e:",
            "    print(f\"Stripe error {e.code}: {e.read().decode('utf-8', 'replace')}\", file=sys.stderr)",
            "    sys.exit(1)",
            "print(customer[\"id\"])",
            "```",
            "");

    private FakeBedrockServer server;
    private BedrockChatModel bedrock;
    private Executor executor;
    private final PriceTable prices = BedrockModels.withPrices(PriceTable.defaults());
    private final SecretProvider secrets = SecretProvider.fromMap(
            Map.of("agentic-api-developer/stripe/test-key", "{\"api_key\":\"sk_test_benchmark_only_0000\"}"));

    /** Totals of one iteration; the per-task figures of the trial are printed when it ends. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public long tasks;
        public long modelCalls;
        public long tokens;
        public long outputTokens;
        private long trialTasks;
        private long trialCalls;
        private long trialTokens;
        private long trialOutputTokens;
        private BigDecimal trialCost = BigDecimal.ZERO;

        @Setup(Level.Iteration)
        public void reset() {
            tasks = 0;
            modelCalls = 0;
            tokens = 0;
            outputTokens = 0;
        }

        @TearDown(Level.Iteration)
        public void accumulate() {
            trialTasks += tasks;
            trialCalls += modelCalls;
            trialTokens += tokens;
            trialOutputTokens += outputTokens;
        }

        @TearDown(Level.Trial)
        public void print() {
            System.out.printf(
                    "%n[bedrock cost] %d successful tasks (warm-up included): %.2f model calls/task, %.1f tokens/task "
                            + "(%.1f output), estimated $%.6f/task%n",
                    trialTasks,
                    (double) trialCalls / trialTasks,
                    (double) trialTokens / trialTasks,
                    (double) trialOutputTokens / trialTasks,
                    trialCost.doubleValue() / trialTasks);
        }

        void add(WorkflowResult r) {
            if (!r.succeeded()) {
                throw new IllegalStateException("expected a successful task, got " + r);
            }
            tasks++;
            modelCalls += r.modelCalls();
            tokens += r.usage().totalTokens();
            outputTokens += r.usage().outputTokens();
            trialCost = trialCost.add(r.estimatedCostUsd().orElseThrow());
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        server = FakeBedrockServer.start();
        server.script(BedrockModels.CLAUDE_HAIKU_4_5, BedrockReply.text(ANSWER));
        server.script(BedrockModels.CLAUDE_3_7_SONNET, BedrockReply.text(ANSWER));
        bedrock = BedrockChatModel.builder()
                .modelId(BedrockModels.CLAUDE_HAIKU_4_5)
                .region("us-east-1")
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABENCHMARK0000001", "fake")))
                .endpointOverride(server.endpoint())
                .build();
        executor = Executor.builder().sandbox(new CustomerSandbox()).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bedrock.close();
        server.close();
    }

    private Orchestrator pipeline(String coder) {
        return Orchestrator.builder()
                .generator(ModelGenerator.builder()
                        .model(bedrock.withModelId(coder))
                        .build())
                .executor(executor)
                .store(ArtifactStore.inMemory())
                .secrets(secrets)
                .priceTable(prices)
                .build();
    }

    /** Baseline: the pipeline, Claude Haiku 4.5 writing the code. */
    @Benchmark
    public WorkflowResult pipelineHaiku45(Counts counts) {
        WorkflowResult r = pipeline(BedrockModels.CLAUDE_HAIKU_4_5).run(TASK);
        counts.add(r);
        return r;
    }

    /** The pipeline with the default chain's first model. */
    @Benchmark
    public WorkflowResult pipelineSonnet37(Counts counts) {
        WorkflowResult r = pipeline(BedrockModels.CLAUDE_3_7_SONNET).run(TASK);
        counts.add(r);
        return r;
    }

    /** The agent: Claude 3 Haiku leads, Claude Haiku 4.5 writes the code. */
    @Benchmark
    public WorkflowResult agentHaiku3LeadHaiku45Coder(Counts counts) {
        // A fresh script per task: the lead's three replies are consumed in order.
        server.script(
                BedrockModels.CLAUDE_3_HAIKU,
                BedrockReply.toolUse("tooluse_gen", "generate_code", "{}"),
                BedrockReply.toolUse("tooluse_run", "execute_code", "{}"),
                BedrockReply.text("Created the Stripe customer Alice; her id is cus_NffrFeUfNV2Hib."));
        WorkflowResult r = AgentOrchestrator.builder()
                .model(bedrock.withModelId(BedrockModels.CLAUDE_3_HAIKU))
                .generator(ModelGenerator.builder()
                        .model(bedrock.withModelId(BedrockModels.CLAUDE_HAIKU_4_5))
                        .build())
                .executor(executor)
                .store(ArtifactStore.inMemory())
                .secrets(secrets)
                .priceTable(prices)
                .build()
                .run(TASK);
        counts.add(r);
        return r;
    }

    /** Answers every program at once with a customer id, as the API would have printed it. Thread-safe. */
    static final class CustomerSandbox implements Sandbox {
        private static final ExecutionResult CREATED =
                new ExecutionResult.Succeeded(ExecutionOutput.of("cus_NffrFeUfNV2Hib\n", "", Duration.ofMillis(1)));
        private static final SandboxCapabilities CAPABILITIES = SandboxCapabilities.builder()
                .language(Language.PYTHON)
                .allCapabilities()
                .without(SandboxCapability.SESSIONS)
                .build();

        @Override
        public ExecutionResult execute(ExecutionRequest request) {
            return CREATED;
        }

        @Override
        public SandboxCapabilities capabilities() {
            return CAPABILITIES;
        }

        @Override
        public void close() {}
    }
}
