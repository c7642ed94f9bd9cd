package dev.agentic.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Executor;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.store.InMemoryArtifactStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An execution record writes a finding's rule as its text id, as records always have. */
class RecordedFindingTest {

    @Test
    void rejectedAttemptRecordsTheRuleIdAsText() {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        Orchestrator orchestrator = Orchestrator.builder()
                .generator(new Doubles.ListGenerator("FORBIDDEN()"))
                .executor(Executor.builder()
                        .sandbox(new Doubles.MarkerSandbox())
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(store)
                .secrets(SecretProvider.fromMap(Map.of()))
                .maxAttempts(1)
                .build();

        WorkflowResult result = orchestrator.run(
                Task.builder().description("Print hello").integration("demo").build());

        String record = new String(
                store.get(result.records().get(result.records().size() - 1)).orElseThrow(), StandardCharsets.UTF_8);
        assertThat(record).contains("\"rule\" : \"denied-call\"", "\"severity\" : \"error\"");
    }
}
