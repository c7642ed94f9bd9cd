package dev.agentic.core.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Keeps generated code and execution records by key. Keys follow {@link ArtifactKeys#check}.
 *
 * <p>Implementations are thread-safe. Writes are atomic: a reader sees the old content or the new, never a
 * part. Whoever creates a store that holds resources (clients, connections) closes it through that
 * implementation; the interface itself holds none.
 */
public interface ArtifactStore {

    /**
     * Stores {@code content} at {@code key}, replacing what was there.
     *
     * @throws StorageException when it cannot be written
     */
    void put(String key, byte[] content);

    /**
     * Stores {@code content} at {@code key}, or — when that key is taken — at the first free
     * {@linkplain ArtifactKeys#variant variant} ({@code _2}, {@code _3}, …). Never overwrites; concurrent
     * callers never receive the same key.
     *
     * @return the key actually used
     * @throws StorageException when it cannot be written
     */
    String putNew(String key, byte[] content);

    /** The content at {@code key}, or empty when there is none. */
    Optional<byte[]> get(String key);

    /** Keys starting with {@code prefix} ("" for all), sorted. */
    List<String> list(String prefix);

    /** Deletes {@code key}; returns whether it existed. */
    boolean delete(String key);

    /** A store in a local directory (created when missing). */
    static ArtifactStore fileSystem(Path root) {
        return FileSystemArtifactStore.at(root);
    }

    /** A store in memory, for tests and short-lived hosts. */
    static ArtifactStore inMemory() {
        return new InMemoryArtifactStore();
    }
}
