package dev.agentic.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.record.ExecutionRecord;
import dev.agentic.core.store.Artifact;
import dev.agentic.core.store.ContentTypes;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.fakes.ScriptedSandbox;
import dev.agentic.validate.Validators;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outage case of the S3 store end to end: real workflows of the default orchestrator record through the
 * store while S3 is unreachable, the store is closed as a process would be at exit, and a new store on the same
 * spool puts everything in the bucket once S3 is back.
 */
class S3ArtifactStoreOutageWorkflowTest {
    private static final int WORKFLOWS = 20;
    private static final Instant SAME_SECOND = Instant.parse("2026-01-12T07:07:04Z");
    private static final String CODE_BASE = "generated/stripe/Create_a_Stripe_customer_20260112_070704";
    private static final String RECORD_BASE = "executions/stripe/success_20260112_070704";

    @TempDir
    Path dir;

    private GatedS3 s3;
    private String bucket;

    @BeforeEach
    void start() throws Exception {
        s3 = new GatedS3();
        bucket = s3.newBucket();
    }

    @AfterEach
    void stop() throws Exception {
        s3.close();
    }

    private S3ArtifactStore store(Path spool) {
        return S3ArtifactStore.builder()
                .bucket(bucket)
                .client(s3.client)
                .bucketDefaultEncryption()
                .spoolDirectory(spool)
                .maxAttempts(2)
                .initialBackoff(Duration.ofMillis(10))
                .build();
    }

    private static String program(int n) {
        return "print('customer " + n + "')\n";
    }

    @Test
    void twentyWorkflowsRunWhileS3IsDownAreAllInTheBucketAfterARestartWithTheirKeysBytesAndMetadata() throws Exception {
        Path spool = dir.resolve("spool");
        ScriptedChatModel.Builder answers = ScriptedChatModel.builder().id("scripted-model");
        ScriptedSandbox.Builder runs = ScriptedSandbox.builder();
        for (int n = 0; n < WORKFLOWS; n++) {
            answers.answer("```python\n" + program(n) + "```");
            runs.succeed("customer " + n + "\n");
        }
        ScriptedChatModel model = answers.build();
        List<WorkflowResult> results = new ArrayList<>();
        Map<String, byte[]> produced = new LinkedHashMap<>();

        s3.stop();
        S3ArtifactStore before = store(spool);
        try (ScriptedSandbox sandbox = runs.build()) {
            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(ModelGenerator.builder().model(model).build())
                    .executor(Executor.builder()
                            .sandbox(sandbox)
                            .validator(Validators.python(ValidationPolicy.standard()))
                            .build())
                    .store(before)
                    .clock(Clock.fixed(SAME_SECOND, ZoneOffset.UTC))
                    .build();
            for (int n = 0; n < WORKFLOWS; n++) {
                WorkflowResult result = orchestrator.run(Task.builder()
                        .description("Create a Stripe customer")
                        .integration("stripe")
                        .build());
                assertThat(result.succeeded()).as("workflow %s: %s", n, result).isTrue();
                assertThat(result.records()).as("workflow %s", n).hasSize(2);
                for (String key : result.records()) {
                    produced.put(key, before.read(key).orElseThrow().content());
                }
                results.add(result);
            }
            assertThat(sandbox.requests()).hasSize(WORKFLOWS);
        }
        assertThat(before.pending()).containsExactlyElementsOf(produced.keySet());
        before.close();
        assertThat(entryFiles(spool)).hasSize(2 * WORKFLOWS);

        s3.restart();
        try (S3ArtifactStore after = store(spool)) {
            assertThat(after.pending()).containsExactlyElementsOf(produced.keySet());
            after.flush();
            assertThat(after.pending()).isEmpty();

            for (int n = 0; n < WORKFLOWS; n++) {
                WorkflowResult result = results.get(n);
                String suffix = n == 0 ? "" : "_" + (n + 1);
                String codeKey = CODE_BASE + suffix + ".py";
                String recordKey = RECORD_BASE + suffix + ".json";
                assertThat(result.records()).containsExactly(codeKey, recordKey);

                byte[] code = s3ObjectOf(codeKey);
                assertThat(new String(code, StandardCharsets.UTF_8)).isEqualTo(program(n));
                assertThat(code).isEqualTo(produced.get(codeKey));
                assertThat(result.finalCode().orElseThrow().source()).isEqualTo(program(n));
                byte[] record = s3ObjectOf(recordKey);
                assertThat(record).as(recordKey).isEqualTo(produced.get(recordKey));
                ExecutionRecord parsed = ExecutionRecord.read(record);
                assertThat(parsed.codeKey()).contains(codeKey);
                assertThat(parsed.runId()).contains(result.runId());
                assertThat(parsed.finalCode()).contains(program(n));

                Artifact storedCode = after.read(codeKey).orElseThrow();
                assertThat(storedCode.metadata().contentType()).isEqualTo(ContentTypes.PYTHON);
                assertThat(storedCode.metadata().userMetadata())
                        .containsEntry("integration", "stripe")
                        .containsEntry("status", "succeeded")
                        .containsEntry("run-id", result.runId().value())
                        .containsEntry("model", "scripted-model");
                Artifact storedRecord = after.read(recordKey).orElseThrow();
                assertThat(storedRecord.metadata().contentType()).isEqualTo(ContentTypes.JSON);
                assertThat(storedRecord.metadata().userMetadata())
                        .containsEntry("run-id", result.runId().value());
            }
            assertThat(after.list("")).containsExactlyInAnyOrderElementsOf(produced.keySet());
        }
        try (Stream<Path> left = Files.list(spool)) {
            assertThat(left.map(f -> f.getFileName().toString()).toList())
                    .as("files left in the spool: its lock file only")
                    .containsExactly(".lock");
        }
    }

    private byte[] s3ObjectOf(String key) {
        return s3.client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    }

    private static List<Path> entryFiles(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.toString().endsWith(".entry")).toList();
        }
    }
}
