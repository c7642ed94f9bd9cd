package dev.agentic.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Executor;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.record.ExecutionRecord;
import dev.agentic.core.record.RecordedOutput;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.store.Artifact;
import dev.agentic.core.store.ContentTypes;
import dev.agentic.core.store.InMemoryArtifactStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredOutputFilesTest {
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();

    private WorkflowResult run(String program) {
        return Orchestrator.builder()
                .generator(new Doubles.ListGenerator(program))
                .executor(Executor.builder()
                        .sandbox(new Doubles.MarkerSandbox())
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(store)
                .secrets(SecretProvider.fromMap(Map.of()))
                .build()
                .run(Task.builder()
                        .description("Write a report")
                        .integration("reports")
                        .build());
    }

    @Test
    void outputFilesOfTheLastRunAreStoredNextToTheRecordWithContentTypeAndListedInResultAndRecord() {
        WorkflowResult result = run("WRITE_FILES");

        assertThat(result.outputKeys()).containsOnlyKeys("out.csv", "reports/May summary.txt");
        String csvKey = result.outputKeys().get("out.csv");
        String recordKey = result.records().get(result.records().size() - 1);
        assertThat(csvKey).isEqualTo(recordKey.replace(".json", ".files/out.csv"));
        assertThat(result.records()).containsSubsequence(csvKey, recordKey);
        Artifact csv = store.read(csvKey).orElseThrow();
        assertThat(new String(csv.content(), StandardCharsets.UTF_8)).isEqualTo("a,b\n1,2\n");
        assertThat(csv.metadata().contentType()).isEqualTo(ContentTypes.CSV);
        assertThat(csv.metadata().userMetadata())
                .containsEntry("output-path", "out.csv")
                .containsEntry("run-id", result.runId().value());

        ExecutionRecord record = ExecutionRecord.read(store.get(recordKey).orElseThrow());
        assertThat(record.outputs())
                .containsExactly(
                        new RecordedOutput("out.csv", csvKey, 8, ContentTypes.CSV),
                        new RecordedOutput(
                                "reports/May summary.txt",
                                result.outputKeys().get("reports/May summary.txt"),
                                4,
                                ContentTypes.TEXT));
    }

    @Test
    void aRunWithoutFilesStoresOnlyCodeAndRecord() {
        WorkflowResult result = run("print('hi')");

        assertThat(result.outputKeys()).isEmpty();
        assertThat(result.records()).hasSize(2);
        assertThat(ExecutionRecord.read(store.get(result.records().get(1)).orElseThrow())
                        .outputs())
                .isEqualTo(List.of());
    }
}
