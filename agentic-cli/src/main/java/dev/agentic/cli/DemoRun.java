package dev.agentic.cli;

import dev.agentic.cli.demo.DemoAnswers;
import dev.agentic.cli.demo.PaymentsApi;
import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.event.WorkflowListener;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.sandbox.LocalSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow behind {@code agentic demo}: a fresh local payments API, the restricted local sandbox allowed
 * to reach exactly that API, a scripted model whose first program forgets the API key and whose second
 * repairs it, and the real validator, repair loop and records. The {@code Quickstart} scenario of the examples
 * module shows the same steps for reading.
 */
final class DemoRun {
    private DemoRun() {}

    /** What the demo produced; the customer's name comes from fetching the id back from the API. */
    record Outcome(WorkflowResult result, String customerId, Optional<String> customerName) {}

    /** Runs the demo task; records go to {@code store}, progress to {@code progress}. */
    static Outcome run(ArtifactStore store, WorkflowListener progress) {
        try (PaymentsApi api = PaymentsApi.start();
                LocalSandbox sandbox = LocalSandbox.builder()
                        .allowLoopbackHosts(List.of(HostPort.of(api.host(), api.port())))
                        .build()) {
            ScriptedChatModel model = ScriptedChatModel.builder()
                    .id("scripted")
                    .answer(DemoAnswers.firstAttempt())
                    .answer(DemoAnswers.repaired())
                    .build();
            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(ModelGenerator.builder()
                            .model(model)
                            .environment(sandbox.environment())
                            .build())
                    .executor(Executor.builder().sandbox(sandbox).build())
                    .store(store)
                    .secrets(SecretProvider.fromMap(Map.of("PAYMENTS_API_KEY", api.apiKey())))
                    .maxAttempts(3)
                    .listener(progress)
                    .build();
            WorkflowResult result = orchestrator.run(Task.builder()
                    .description("Create a customer named Alice via the payments API and print her id")
                    .integration("payments")
                    .secret("PAYMENTS_API_KEY", SecretRef.of("PAYMENTS_API_KEY"))
                    .environment("PAYMENTS_BASE_URL", api.baseUrl())
                    .allowHost(HostPort.of(api.host(), api.port()))
                    .build());
            String id = result.finalResult().map(r -> r.stdout().strip()).orElse("");
            return new Outcome(
                    result, id, api.customer(id).map(c -> c.path("name").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the local payments API", e);
        }
    }
}
