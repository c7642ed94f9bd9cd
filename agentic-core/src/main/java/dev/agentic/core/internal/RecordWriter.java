package dev.agentic.core.internal;

import dev.agentic.core.Code;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.sandbox.OutputFile;
import dev.agentic.core.secret.Redactor;
import dev.agentic.core.store.ArtifactMetadata;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.core.store.ContentTypes;
import dev.agentic.core.store.KeyContext;
import dev.agentic.core.store.KeyLayout;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Stores what one finished run leaves: the final program, the output files of its last sandbox run, then the
 * execution record listing both, each with its content type and the run's metadata. A store that fails, or
 * returns no key, fails as a {@code StorageException} naming the store. Used once, on the run's thread.
 */
final class RecordWriter {
    private static final int MAX_PATH_METADATA = 200;

    private final ArtifactStore store;
    private final KeyLayout layout;
    private final Redactor redactor;
    private final String storeName;

    RecordWriter(ArtifactStore store, KeyLayout layout, Redactor redactor) {
        this.store = store;
        this.layout = layout;
        this.redactor = redactor;
        this.storeName = "ArtifactStore[" + store + "]";
    }

    /** Stores everything of {@code result} (which ended at {@code end}); returns it with the stored keys. */
    WorkflowResult write(WorkflowResult result, Instant end, String modelId) {
        KeyContext keyContext = KeyContext.builder()
                .integration(result.task().integration())
                .description(result.task().description())
                .extension(result.task().language().extension())
                .time(end)
                .succeeded(result.status() == WorkflowStatus.SUCCEEDED)
                .build();
        ArtifactMetadata meta = ArtifactMetadata.builder()
                .userMetadata("integration", result.task().integration())
                .userMetadata("status", result.status().name().toLowerCase(Locale.ROOT))
                .userMetadata("language", result.task().language().id())
                .userMetadata("run-id", result.runId().value())
                .userMetadata("model", modelId)
                .build();
        List<String> keys = new ArrayList<>();
        String codeKey = null;
        Optional<Code> finalCode = result.finalCode();
        if (finalCode.isPresent()) {
            String contentType =
                    ContentTypes.forExtension(keyContext.extension()).orElse(ContentTypes.OCTET_STREAM);
            codeKey = putNew(
                    layout.codeKey(keyContext),
                    finalCode.get().source().getBytes(StandardCharsets.UTF_8),
                    meta.toBuilder().contentType(contentType).build());
            keys.add(codeKey);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (OutputFile file : result.finalResult().map(r -> r.output().files()).orElse(List.of())) {
            String key = putNew(
                    layout.outputKey(keyContext, file.path()),
                    file.content(),
                    meta.toBuilder()
                            .contentType(ContentTypes.forPath(file.path()).orElse(ContentTypes.OCTET_STREAM))
                            .userMetadata("output-path", printable(file.path()))
                            .build());
            outputs.put(file.path(), key);
            keys.add(key);
        }
        WorkflowResult withOutputs = result.toBuilder().outputKeys(outputs).build();
        keys.add(putNew(
                layout.recordKey(keyContext),
                RecordJson.write(withOutputs, end, codeKey, redactor),
                meta.toBuilder().contentType(ContentTypes.JSON).build()));
        return withOutputs.toBuilder().records(keys).build();
    }

    private String putNew(String key, byte[] content, ArtifactMetadata metadata) {
        return PluginCalls.store(storeName, () -> store.putNew(key, content, metadata));
    }

    /** {@code path} as a metadata value: printable ASCII only, trimmed, at most 200 characters. */
    private static String printable(String path) {
        String ascii = path.replaceAll("[^\\x20-\\x7e]", "_").strip();
        return ascii.substring(0, Math.min(ascii.length(), MAX_PATH_METADATA));
    }
}
