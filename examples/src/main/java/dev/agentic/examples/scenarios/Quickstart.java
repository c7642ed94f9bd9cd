package dev.agentic.examples.scenarios;

import dev.agentic.cli.demo.DemoAnswers;
import dev.agentic.cli.demo.PaymentsApi;
import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.secret.EnvironmentSecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.FileSystemArtifactStore;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.sandbox.LocalSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole workflow, offline, read top to bottom — what {@code ./agentic demo} runs. The payments API and
 * the scripted answers come from {@code agentic-cli}'s demo package.
 *
 * <p>A local payments API stands in for a real provider. The model is a <b>scripted, offline model</b>: its
 * first program forgets the API key header (the run fails with HTTP 401), its second is the repair.
 * Everything else is real: the validator, the bubblewrap sandbox with a network allowlist of exactly the
 * API's address, secret injection and redaction, the repair loop and the records on disk.
 *
 * <p>To use a real model, replace the {@code ScriptedChatModel} with any {@code ChatModel}, e.g.
 * {@code BedrockChatModel} from {@code agentic-bedrock}.
 */
public final class Quickstart {
    private Quickstart() {}

    public static void main(String[] args) {
        Outcome outcome = run(Path.of("agentic-runs"), event -> System.err.println(event));
        System.out.println(outcome.customerId());
    }

    /**
     * What the quickstart produced.
     *
     * @param result the workflow's result
     * @param customerId the id the program printed, confirmed by fetching it back from the API
     * @param customerName the fetched customer's name
     * @param apiKey the API's key, so callers (tests) can check it never leaked
     */
    public record Outcome(WorkflowResult result, String customerId, String customerName, String apiKey) {}

    /** Runs the task against a fresh local payments API; records go to {@code storeDir}. */
    public static Outcome run(Path storeDir, WorkflowListener progress) {
        // 1. A local payments API on 127.0.0.1 with a random bearer key.
        try (PaymentsApi api = PaymentsApi.start();
                // 2. The restricted local sandbox. The API is on this machine's loopback, which the sandbox
                //    refuses by default; allow exactly that address (meant for local development).
                LocalSandbox sandbox = LocalSandbox.builder()
                        .allowLoopbackHosts(List.of(HostPort.of(api.host(), api.port())))
                        .build()) {

            // 3. The model: scripted and offline. Answer 1 has a real defect, answer 2 repairs it.
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .id("scripted")
                    .answer(DemoAnswers.firstAttempt())
                    .answer(DemoAnswers.repaired())
                    .build();

            // 4. The orchestrator: generator, executor (validator + sandbox), store, secrets.
            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(ModelGenerator.builder()
                            .model(model)
                            .environment(sandbox.environment())
                            .build())
                    .executor(Executor.builder().sandbox(sandbox).build())
                    .store(FileSystemArtifactStore.at(storeDir))
                    .secrets(new EnvironmentSecretProvider(Map.of("PAYMENTS_API_KEY", api.apiKey())::get))
                    .maxAttempts(3)
                    .listener(progress)
                    .build();

            // 5. The task: what to do, which secret the program gets, which host it may reach.
            WorkflowResult result = orchestrator.run(Task.builder()
                    .description("Create a customer named Alice via the payments API and print her id")
                    .integration("payments")
                    .secret("PAYMENTS_API_KEY", SecretRef.of("PAYMENTS_API_KEY"))
                    .environment("PAYMENTS_BASE_URL", api.baseUrl())
                    .allowHost(HostPort.of(api.host(), api.port()))
                    .build());

            // 6. Check the program's claim against the API itself.
            String id = result.finalResult().map(r -> r.stdout().strip()).orElse("");
            String name = api.customer(id).map(c -> c.path("name").asText()).orElse(null);
            return new Outcome(result, id, name, api.apiKey());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the local payments API", e);
        }
    }
}
