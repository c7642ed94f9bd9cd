package dev.agentic.cli;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.bedrock.BedrockChatModel;
import dev.agentic.bedrock.BedrockModels;
import dev.agentic.cli.demo.DemoAnswers;
import dev.agentic.cli.demo.LocalAws;
import dev.agentic.cli.demo.PaymentsApi;
import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.PriceTable;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.storage.S3ArtifactStore;
import dev.agentic.storage.SecretsManagerSecretProvider;
import dev.agentic.testkit.aws.BedrockReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow behind {@code agentic demo aws}: the API-developer task with every AWS part built from the
 * standard AWS settings, which {@link LocalAws} points at local stand-ins. Bedrock's first model of the default
 * chain is throttled, so the fallback to the second is visible; the key comes from the Secrets Manager secret
 * of the reference system; code and record go to S3 under the standard key layout.
 */
final class DemoAwsRun {
    static final String BUCKET = "agentic-api-developer-demo-code-storage";
    static final String SECRET_ID = "agentic-api-developer/stripe/test-key";
    static final String TASK = "Create a Stripe customer named Alice and print her id";

    private DemoAwsRun() {}

    /**
     * What the demo produced.
     *
     * @param objects every object in the bucket after the run, read back from the S3 server
     */
    record Outcome(
            WorkflowResult result,
            String customerId,
            Optional<String> customerName,
            Map<String, byte[]> objects,
            int secretRequests) {}

    /**
     * Runs the task. The stand-ins are started by the caller, so it can print their endpoints first; with
     * {@code agentCore} the caller has started the fake AgentCore ({@link LocalAws#startAgentCore}).
     */
    static Outcome run(LocalAws aws, PaymentsApi api, Path spool, WorkflowListener progress, boolean agentCore) {
        aws.secrets().putSecretString(SECRET_ID, "{\"api_key\":\"" + api.apiKey() + "\"}");
        aws.bedrock()
                .script(
                        BedrockModels.CLAUDE_3_7_SONNET,
                        BedrockReply.error(429, "ThrottlingException", "Too many requests, please wait"))
                .script(
                        BedrockModels.NOVA_PREMIER,
                        BedrockReply.text(DemoAnswers.createCustomer("STRIPE_API_BASE", "STRIPE_API_KEY")));
        HostPort apiHost = HostPort.of(api.host(), api.port());
        try (LocalAws.Applied settings = aws.apply();
                // Every client below comes from the standard AWS settings: nothing names an endpoint.
                BedrockChatModel bedrock = BedrockChatModel.builder()
                        .modelId(BedrockModels.CLAUDE_3_7_SONNET)
                        .build();
                SecretsManagerSecretProvider secrets =
                        SecretsManagerSecretProvider.builder().build();
                S3ArtifactStore store = S3ArtifactStore.builder()
                        .bucket(BUCKET)
                        .bucketDefaultEncryption() // s3proxy refuses the SSE header; on AWS keep the AES256 default
                        .spoolDirectory(spool)
                        .build();
                Sandbox sandbox = agentCore
                        ? AgentCoreSandbox.builder().build()
                        : LocalSandbox.builder()
                                .allowLoopbackHosts(List.of(apiHost))
                                .build()) {
            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(ModelGenerator.builder()
                            .model(BedrockModels.defaultFallback(bedrock))
                            .environment(sandbox.environment())
                            .build())
                    .executor(Executor.builder().sandbox(sandbox).build())
                    .store(store)
                    .secrets(secrets)
                    .priceTable(BedrockModels.withPrices(PriceTable.defaults()))
                    .maxAttempts(3)
                    .listener(progress)
                    .build();
            Task.Builder task = Task.builder()
                    .description(TASK)
                    .integration("stripe")
                    .secret("STRIPE_API_KEY", SecretRef.of(SECRET_ID, "api_key"))
                    .environment("STRIPE_API_BASE", api.baseUrl());
            if (!agentCore) {
                // AgentCore filters no hosts per run (its interpreter's network mode decides), so only the local
                // sandbox gets the allowlist; the executor refuses an allowlist a sandbox cannot enforce.
                task.allowHost(apiHost);
            }
            WorkflowResult result = orchestrator.run(task.build());
            store.flush();
            String id = result.finalResult().map(r -> r.stdout().strip()).orElse("");
            return new Outcome(
                    result,
                    id,
                    api.customer(id).map(c -> c.path("name").asText()),
                    aws.objects(BUCKET),
                    aws.secrets().requests().size());
        }
    }

    /** Starts the local payments API; the caller closes it. */
    static PaymentsApi startApi() {
        try {
            return PaymentsApi.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the local payments API", e);
        }
    }
}
