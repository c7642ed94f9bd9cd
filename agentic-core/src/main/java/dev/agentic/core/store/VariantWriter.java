package dev.agentic.core.store;

import dev.agentic.core.annotation.Experimental;
import java.util.Objects;

/**
 * The variant naming of {@link ArtifactStore#putNew}, built on {@link ArtifactStore#putIfAbsent}: tries the
 * key, then {@code _2}, {@code _3}, … ({@link ArtifactKeys#variant}) until one is free. It remembers, for
 * the most recently used keys, the last variant it handed out, so the n-th artifact written under one key
 * (many runs in the same second) does not probe every taken variant again. The memory is only a hint: the
 * store's atomic create still decides, so no two callers ever receive the same key.
 *
 * <p>A store keeps one instance for its lifetime and delegates to it:
 * <pre>{@code
 * private final VariantWriter variants = VariantWriter.create();
 *
 * public String putNew(String key, byte[] content, ArtifactMetadata metadata) {
 *     return variants.putNew(this, key, content, metadata);
 * }
 * }</pre>
 * Thread-safe; holds no resources and a bounded amount of memory (a few dozen keys).
 */
@Experimental
public final class VariantWriter {
    /** Variants tried in one call before giving up, so a store that never accepts cannot loop forever. */
    static final int MAX_PROBES = 100_000;

    private final VariantHint hint = new VariantHint();

    private VariantWriter() {}

    /** A writer with an empty memory. */
    public static VariantWriter create() {
        return new VariantWriter();
    }

    /**
     * Writes {@code content} at the first free variant of {@code key} in {@code store}.
     *
     * @return the key actually used
     * @throws StorageException when the store cannot write
     */
    public String putNew(ArtifactStore store, String key, byte[] content, ArtifactMetadata metadata) {
        Objects.requireNonNull(store, "store");
        ArtifactKeys.check(key);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(metadata, "metadata");
        int first = hint.firstCandidate(key);
        for (int n = first; n < first + MAX_PROBES; n++) {
            String candidate = ArtifactKeys.variant(key, n);
            if (store.putIfAbsent(candidate, content, metadata)) {
                hint.taken(key, n);
                return candidate;
            }
        }
        throw new StorageException("No free variant of '" + key + "' among " + MAX_PROBES + " tried in " + store
                + "; use a key layout with finer names (for example with seconds and the run id).");
    }

    @Override
    public String toString() {
        return "VariantWriter";
    }
}
