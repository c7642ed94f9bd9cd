package dev.agentic.examples.aws;

import dev.agentic.bedrock.BedrockChatModel;
import dev.agentic.bedrock.BedrockModels;
import dev.agentic.core.AgentOrchestrator;
import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.PriceTable;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.storage.SecretsManagerSecretProvider;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The reference system's "orchestrator agent" shape on Bedrock: a tool-using model (Claude 3 Haiku, as in the
 * reference) decides when to call {@code generate_code} (Claude Haiku 4.5 writes the code) and
 * {@code execute_code} (the validator, then the local sandbox), and answers in words. Then the same task runs
 * through the default pipeline with the same code writer, and the output compares the model calls, tokens and
 * estimated cost of the two, next to the reference system's published figures.
 *
 * <p>Configuration comes only from the standard AWS settings and the flags below; the API key comes from
 * Secrets Manager. Records are kept in memory here ({@code ApiDeveloperOnAws} shows S3). Each run performs the
 * task, so the comparison creates two customers.
 */
@Command(
        name = "agent-orchestrator-on-bedrock",
        mixinStandardHelpOptions = true,
        description = "A tool-using Bedrock model in charge, compared with the default pipeline.")
public final class AgentOrchestratorOnBedrock implements Runnable {
    /** The reference system's published figures per request: model invocations and cost in USD. */
    public static final int REFERENCE_MODEL_CALLS = 6;

    public static final String REFERENCE_COST_USD = "0.008";

    @Option(
            names = "--task",
            defaultValue = "Create a Stripe customer named Alice and print her id",
            description = "The task in words (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(
            names = "--secret-id",
            defaultValue = "agentic-api-developer/stripe/test-key",
            description = "The Secrets Manager secret holding {\"api_key\": ...} (default: ${DEFAULT-VALUE}).")
    String secretId;

    @Option(
            names = "--api-base-url",
            defaultValue = "https://api.stripe.com",
            description = "The API the code calls; its host is the only one allowed (default: ${DEFAULT-VALUE}).")
    URI apiBaseUrl;

    @Option(names = "--lead-model", description = "The model in charge (default: Claude 3 Haiku).")
    String leadModel = BedrockModels.CLAUDE_3_HAIKU;

    @Option(names = "--coder-model", description = "The model that writes the code (default: Claude Haiku 4.5).")
    String coderModel = BedrockModels.CLAUDE_HAIKU_4_5;

    /** The two results on the same task. */
    public record Comparison(WorkflowResult agent, WorkflowResult pipeline) {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentOrchestratorOnBedrock()).execute(args));
    }

    @Override
    public void run() {
        run(new PrintWriter(System.out, true), event -> System.err.println(event));
    }

    /** Runs the task with the agent, then with the pipeline, and prints the comparison to {@code out}. */
    public Comparison run(PrintWriter out, WorkflowListener progress) {
        HostPort api = HostPort.of(apiBaseUrl.getHost(), apiBaseUrl.getPort() == -1 ? 0 : apiBaseUrl.getPort());
        boolean loopback = api.host().equals("localhost") || api.host().startsWith("127.");
        try (BedrockChatModel lead =
                        BedrockChatModel.builder().modelId(leadModel).build();
                SecretsManagerSecretProvider secrets =
                        SecretsManagerSecretProvider.builder().build();
                LocalSandbox sandbox = LocalSandbox.builder()
                        .allowLoopbackHosts(loopback ? List.of(api) : List.of()) // a local stand-in only
                        .build()) {
            // The code writer, on the lead's clients: the same for both runs.
            ModelGenerator coder = ModelGenerator.builder()
                    .model(lead.withModelId(coderModel))
                    .environment(sandbox.environment())
                    .build();
            Executor executor = Executor.builder().sandbox(sandbox).build();
            PriceTable prices = BedrockModels.withPrices(PriceTable.defaults());
            Task theTask = Task.builder()
                    .description(task)
                    .integration("stripe")
                    .secret("STRIPE_API_KEY", SecretRef.of(secretId, "api_key"))
                    .environment("STRIPE_API_BASE", apiBaseUrl.toString())
                    .allowHost(api)
                    .build();

            // 1. The model in charge: it calls generate_code and execute_code, then answers.
            WorkflowResult agent = AgentOrchestrator.builder()
                    .model(lead)
                    .generator(coder)
                    .executor(executor)
                    .store(ArtifactStore.inMemory())
                    .secrets(secrets)
                    .priceTable(prices)
                    .listener(progress)
                    .build()
                    .run(theTask);

            // 2. The default pipeline on the same task: generate, validate, run; the model again only to repair.
            WorkflowResult pipeline = Orchestrator.builder()
                    .generator(coder)
                    .executor(executor)
                    .store(ArtifactStore.inMemory())
                    .secrets(secrets)
                    .priceTable(prices)
                    .listener(progress)
                    .build()
                    .run(theTask);

            out.println("agent answer: " + agent.answer().orElse("(none)"));
            out.printf(
                    Locale.ROOT,
                    "%-22s %-10s %-12s %-12s %-12s %s%n",
                    "",
                    "status",
                    "model calls",
                    "tokens in",
                    "tokens out",
                    "est. cost (USD)");
            row(out, "AgentOrchestrator", agent);
            row(out, "default pipeline", pipeline);
            out.printf(
                    Locale.ROOT,
                    "%-22s %-10s %-12d %-12s %-12s ~%s (published)%n",
                    "reference system",
                    "",
                    REFERENCE_MODEL_CALLS,
                    "-",
                    "-",
                    REFERENCE_COST_USD);
            out.flush();
            return new Comparison(agent, pipeline);
        }
    }

    private static void row(PrintWriter out, String name, WorkflowResult r) {
        out.printf(
                Locale.ROOT,
                "%-22s %-10s %-12d %-12d %-12d %s%n",
                name,
                r.status(),
                r.modelCalls(),
                r.usage().inputTokens(),
                r.usage().outputTokens(),
                r.estimatedCostUsd().map(c -> c.toPlainString()).orElse("?"));
    }
}
