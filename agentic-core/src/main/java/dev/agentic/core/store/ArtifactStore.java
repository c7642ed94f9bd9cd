package dev.agentic.core.store;

import dev.agentic.core.annotation.Stable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Keeps generated code and execution records by key, each with an {@link ArtifactMetadata content type and
 * user metadata}. Keys follow {@link ArtifactKeys#check}.
 *
 * <p>An implementation provides five operations: {@link #put(String, byte[], ArtifactMetadata) put},
 * {@link #putIfAbsent(String, byte[], ArtifactMetadata) putIfAbsent} (an atomic create, such as S3's
 * {@code If-None-Match: *}), {@link #read}, a paged {@link #list(ListRequest)} and {@link #delete}. The
 * rest are default methods built on those; {@link #putNew(String, byte[], ArtifactMetadata) putNew} is
 * best overridden with a long-lived {@link VariantWriter}.
 *
 * <p>Implementations are thread-safe. Writes are atomic: a reader sees the old content and metadata or the
 * new, never a part or a mix. Whoever creates a store that holds resources (clients, connections) closes it
 * through that implementation; the interface itself holds none. {@code agentic-testkit}'s
 * {@code ArtifactStoreContract} states the behaviour as tests.
 */
@Stable
public interface ArtifactStore {

    /**
     * Stores {@code content} with {@code metadata} at {@code key}, replacing what was there.
     *
     * @throws StorageException when it cannot be written
     */
    void put(String key, byte[] content, ArtifactMetadata metadata);

    /** {@link #put(String, byte[], ArtifactMetadata)} with {@link ArtifactMetadata#empty()}. */
    default void put(String key, byte[] content) {
        put(key, content, ArtifactMetadata.empty());
    }

    /**
     * Stores {@code content} with {@code metadata} at {@code key} only when nothing is stored there. Atomic:
     * of concurrent callers for one free key exactly one writes; it never overwrites.
     *
     * @return whether this call wrote
     * @throws StorageException when it cannot be written
     */
    boolean putIfAbsent(String key, byte[] content, ArtifactMetadata metadata);

    /** {@link #putIfAbsent(String, byte[], ArtifactMetadata)} with {@link ArtifactMetadata#empty()}. */
    default boolean putIfAbsent(String key, byte[] content) {
        return putIfAbsent(key, content, ArtifactMetadata.empty());
    }

    /**
     * Stores {@code content} at {@code key}, or — when that key is taken — at the first free
     * {@linkplain ArtifactKeys#variant variant} ({@code _2}, {@code _3}, …). Never overwrites; concurrent
     * callers never receive the same key. The default probes from the key itself on every call; stores
     * override it with a {@link VariantWriter} they keep, which remembers where to start.
     *
     * @return the key actually used
     * @throws StorageException when it cannot be written
     */
    default String putNew(String key, byte[] content, ArtifactMetadata metadata) {
        return VariantWriter.create().putNew(this, key, content, metadata);
    }

    /** {@link #putNew(String, byte[], ArtifactMetadata)} with {@link ArtifactMetadata#empty()}. */
    default String putNew(String key, byte[] content) {
        return putNew(key, content, ArtifactMetadata.empty());
    }

    /**
     * The artifact at {@code key} with its metadata, or empty when there is none.
     *
     * @throws StorageException when it cannot be read
     */
    Optional<Artifact> read(String key);

    /** The content at {@code key}, or empty when there is none. */
    default Optional<byte[]> get(String key) {
        return read(key).map(Artifact::content);
    }

    /**
     * One page of the keys starting with {@code request.prefix()}, sorted, after the request's continuation
     * token. Stores return only valid keys, never their own bookkeeping files.
     *
     * @throws StorageException when it cannot be listed
     */
    ArtifactPage list(ListRequest request);

    /** {@link #list(ListRequest)} with a request built by {@code request}. */
    default ArtifactPage list(Consumer<ListRequest.Builder> request) {
        ListRequest.Builder b = ListRequest.builder();
        request.accept(b);
        return list(b.build());
    }

    /** All keys starting with {@code prefix} ("" for all), sorted: every page of {@link #list(ListRequest)}. */
    default List<String> list(String prefix) {
        ListRequest request = ListRequest.of(prefix);
        List<String> keys = new ArrayList<>();
        while (true) {
            ArtifactPage page = list(request);
            keys.addAll(page.keys());
            Optional<String> next = page.nextToken();
            if (next.isEmpty()) {
                return List.copyOf(keys);
            }
            if (request.continuationToken().equals(next)) {
                throw new StorageException(
                        this + " returned the continuation token it was given; its list(ListRequest) "
                                + "must advance past the last key of each page.");
            }
            request = request.toBuilder().continuationToken(next.get()).build();
        }
    }

    /** Deletes {@code key} and its metadata; returns whether it existed. */
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
