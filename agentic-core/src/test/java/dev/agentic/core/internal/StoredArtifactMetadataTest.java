package dev.agentic.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Executor;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.store.ArtifactMetadata;
import dev.agentic.core.store.ContentTypes;
import dev.agentic.core.store.InMemoryArtifactStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredArtifactMetadataTest {
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();

    @Test
    void codeAndRecordAreStoredWithTheirContentTypeAndTheRunsIntegrationStatusLanguageRunIdAndModel() {
        WorkflowResult result = Orchestrator.builder()
                .generator(new Doubles.ListGenerator("print('hi')"))
                .executor(Executor.builder()
                        .sandbox(new Doubles.MarkerSandbox())
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(store)
                .secrets(SecretProvider.fromMap(Map.of()))
                .build()
                .run(Task.builder().description("Say hi").integration("stripe").build());

        ArtifactMetadata code =
                store.read(result.records().get(0)).orElseThrow().metadata();
        ArtifactMetadata record =
                store.read(result.records().get(1)).orElseThrow().metadata();
        Map<String, String> run = Map.of(
                "integration",
                "stripe",
                "status",
                "succeeded",
                "language",
                "python",
                "run-id",
                result.runId().value(),
                "model",
                "scripted-test");
        assertThat(code.contentType()).isEqualTo(ContentTypes.PYTHON);
        assertThat(code.userMetadata()).isEqualTo(run);
        assertThat(record.contentType()).isEqualTo(ContentTypes.JSON);
        assertThat(record.userMetadata()).isEqualTo(run);
    }
}
