package dev.agentic.examples.aws;

import dev.agentic.bedrock.AgentCoreSandbox;
import dev.agentic.bedrock.BedrockAgentGenerator;
import dev.agentic.bedrock.BedrockChatModel;
import dev.agentic.bedrock.BedrockModels;
import dev.agentic.core.Executor;
import dev.agentic.core.Generator;
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
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The API-developer reference system on AWS, in one file: a task in words becomes Python code written by
 * Bedrock (the default fallback chain Claude 3.7 Sonnet → Nova Premier → Claude 3.5 Sonnet, or a hosted
 * Bedrock Agent with {@code --bedrock-agent}), checked by the validator, run in the local sandbox whose
 * network allowlist is exactly the API's host, with the API key read from Secrets Manager
 * ({@code agentic-api-developer/stripe/test-key}, field {@code api_key}); code and execution record go to S3
 * as {@code generated/stripe/<Task>_<time>.py} and {@code executions/stripe/<success|failure>_<time>.json}.
 *
 * <p>Configuration comes only from the standard AWS settings (region, credentials, and — for tests —
 * {@code AWS_ENDPOINT_URL_*}) and the flags below. On AWS it needs credentials, model access, the secret and
 * the bucket; see the README's "Agentic on AWS".
 *
 * <pre>
 * AWS_REGION=us-east-1 java -cp … dev.agentic.examples.aws.ApiDeveloperOnAws --bucket my-code-storage
 * </pre>
 */
@Command(
        name = "api-developer-on-aws",
        mixinStandardHelpOptions = true,
        description = "Generate, validate and run API code with Bedrock, Secrets Manager and S3.")
public final class ApiDeveloperOnAws implements Callable<Integer> {
    @Option(
            names = "--task",
            defaultValue = "Create a Stripe customer named Alice and print her id",
            description = "The task in words (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--integration", defaultValue = "stripe", description = "The key layout's integration.")
    String integration;

    @Option(
            names = "--bucket",
            defaultValue = "agentic-api-developer-dev-code-storage",
            description = "The S3 bucket for code and records (default: ${DEFAULT-VALUE}).")
    String bucket;

    @Option(names = "--prefix", defaultValue = "", description = "Key prefix in the bucket, e.g. dev/.")
    String prefix;

    @Option(
            names = "--sse",
            defaultValue = "aes256",
            description = "aes256 (SSE-S3, the default) or bucket (no header: the bucket's default encryption).")
    String sse;

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

    @Option(
            names = "--bedrock-agent",
            paramLabel = "AGENT_ID/ALIAS_ID",
            description = "Let a hosted Bedrock Agent write the code instead of the model chain.")
    String bedrockAgent;

    @Option(
            names = "--sandbox",
            defaultValue = "local",
            description = "local (allowlist of exactly the API's host) or agentcore (AgentCore Code Interpreter; "
                    + "its network mode, not a per-run allowlist, decides what the code reaches).")
    String sandboxKind;

    @Option(names = "--spool", description = "Where S3 writes wait while S3 is down (default ~/.agentic/spool).")
    Path spool;

    /** What a run produced: the workflow's result and the S3 URIs of the code and the record. */
    public record Outcome(WorkflowResult result, List<String> s3Uris) {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new ApiDeveloperOnAws()).execute(args));
    }

    /** Exit code 0 when the task succeeded, 1 when it did not. */
    @Override
    public Integer call() {
        Outcome outcome = run(new PrintWriter(System.out, true), event -> System.err.println(event));
        return outcome.result().succeeded() ? 0 : 1;
    }

    /** Runs the task once; progress goes to {@code progress}, the summary to {@code out}. */
    public Outcome run(PrintWriter out, WorkflowListener progress) {
        HostPort api = HostPort.of(apiBaseUrl.getHost(), apiBaseUrl.getPort() == -1 ? 0 : apiBaseUrl.getPort());
        String[] agentIds = bedrockAgent == null ? null : bedrockAgent.split("/", 2);

        // 1. The AWS parts, each built from the standard AWS settings: Bedrock, Secrets Manager, S3.
        try (BedrockChatModel bedrock = BedrockChatModel.builder()
                        .modelId(BedrockModels.CLAUDE_3_7_SONNET)
                        .build();
                BedrockAgentGenerator hostedAgent = agentIds == null
                        ? null // not asked for: try-with-resources skips a null resource
                        : BedrockAgentGenerator.builder()
                                .agentId(agentIds[0])
                                .aliasId(agentIds[1])
                                .build();
                SecretsManagerSecretProvider secrets =
                        SecretsManagerSecretProvider.builder().build();
                S3ArtifactStore store = s3Store();
                // 2. Where the code runs: the local sandbox, with no network but the API's host (a loopback API,
                //    a local stand-in in tests, must be allowed explicitly), or AgentCore Code Interpreter.
                Sandbox sandbox = agentCore()
                        ? AgentCoreSandbox.builder().build()
                        : LocalSandbox.builder()
                                .allowLoopbackHosts(isLoopback(api.host()) ? List.of(api) : List.of())
                                .build()) {

            // 3. Who writes the code: the default fallback chain, or the hosted agent.
            Generator generator = hostedAgent != null
                    ? hostedAgent
                    : ModelGenerator.builder()
                            .model(BedrockModels.defaultFallback(bedrock))
                            .environment(sandbox.environment())
                            .build();

            // 4. The pipeline: one model call on the happy path, repairs only when validation or the run fails.
            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(generator)
                    .executor(Executor.builder().sandbox(sandbox).build())
                    .store(store)
                    .secrets(secrets)
                    .priceTable(BedrockModels.withPrices(PriceTable.defaults()))
                    .maxAttempts(3)
                    .listener(progress)
                    .build();

            // 5. The task: the key by reference (the model sees only the variable's name), one allowed host.
            //    AgentCore filters no hosts per run, and the executor refuses an allowlist a sandbox cannot
            //    enforce: there the interpreter's network mode is the boundary.
            Task.Builder theTask = Task.builder()
                    .description(task)
                    .integration(integration)
                    .secret("STRIPE_API_KEY", SecretRef.of(secretId, "api_key"))
                    .environment("STRIPE_API_BASE", apiBaseUrl.toString());
            if (!agentCore()) {
                theTask.allowHost(api);
            }
            WorkflowResult result = orchestrator.run(theTask.build());
            store.flush();

            List<String> uris = result.records().stream()
                    .map(key -> "s3://" + bucket + "/" + prefix + key)
                    .toList();
            out.println(result.status() + ": "
                    + result.finalResult().map(r -> r.stdout().strip()).orElse(""));
            out.println("model calls " + result.modelCalls() + ", tokens "
                    + result.usage().totalTokens() + ", estimated cost $"
                    + result.estimatedCostUsd().map(c -> c.toPlainString()).orElse("?"));
            uris.forEach(u -> out.println("stored " + u));
            out.flush();
            return new Outcome(result, uris);
        }
    }

    private boolean agentCore() {
        return switch (sandboxKind) {
            case "local" -> false;
            case "agentcore" -> true;
            default ->
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "--sandbox must be local or agentcore, was " + sandboxKind);
        };
    }

    private S3ArtifactStore s3Store() {
        S3ArtifactStore.Builder b = S3ArtifactStore.builder().bucket(bucket).prefix(prefix);
        switch (sse) {
            case "aes256" -> {} // the store's default
            case "bucket" -> b.bucketDefaultEncryption();
            default ->
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "--sse must be aes256 or bucket, was " + sse);
        }
        if (spool != null) {
            b.spoolDirectory(spool);
        }
        return b.build();
    }

    /** A loopback address written out (no DNS lookup): a local stand-in of the API, as in the tests. */
    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
