package dev.agentic.core.store;

import dev.agentic.core.annotation.Stable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An {@link ArtifactStore} in memory. Thread-safe; holds no resources. Content is copied in and out, so
 * callers cannot change what is stored. The continuation token of a page is its last key.
 */
@Stable
public final class InMemoryArtifactStore implements ArtifactStore {
    private final ConcurrentSkipListMap<String, Artifact> entries = new ConcurrentSkipListMap<>();
    private final VariantWriter variants = VariantWriter.create();
    private final Clock clock;

    /** A store whose {@link Artifact#lastModified()} times come from the system clock. */
    public InMemoryArtifactStore() {
        this(Clock.systemUTC());
    }

    /** A store whose {@link Artifact#lastModified()} times come from {@code clock}. */
    public InMemoryArtifactStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void put(String key, byte[] content, ArtifactMetadata metadata) {
        Artifact a = artifact(key, content, metadata);
        entries.put(a.key(), a);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] content, ArtifactMetadata metadata) {
        Artifact a = artifact(key, content, metadata);
        return entries.putIfAbsent(a.key(), a) == null;
    }

    @Override
    public String putNew(String key, byte[] content, ArtifactMetadata metadata) {
        return variants.putNew(this, key, content, metadata);
    }

    @Override
    public Optional<Artifact> read(String key) {
        return Optional.ofNullable(entries.get(ArtifactKeys.check(key)));
    }

    @Override
    public ArtifactPage list(ListRequest request) {
        String prefix = request.prefix();
        Map<String, Artifact> tail = request.continuationToken()
                .map(after ->
                        entries.tailMap(after.compareTo(prefix) < 0 ? prefix : after, after.compareTo(prefix) < 0))
                .orElseGet(() -> entries.tailMap(prefix, true));
        List<String> keys = new ArrayList<>();
        for (String k : tail.keySet()) {
            if (!k.startsWith(prefix)) {
                break;
            }
            if (keys.size() == request.pageSize()) {
                return ArtifactPage.builder()
                        .keys(keys)
                        .nextToken(keys.get(keys.size() - 1))
                        .build();
            }
            keys.add(k);
        }
        return ArtifactPage.builder().keys(keys).build();
    }

    @Override
    public boolean delete(String key) {
        return entries.remove(ArtifactKeys.check(key)) != null;
    }

    private Artifact artifact(String key, byte[] content, ArtifactMetadata metadata) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(metadata, "metadata");
        return Artifact.builder()
                .key(ArtifactKeys.check(key))
                .content(content)
                .metadata(metadata)
                .lastModified(clock.instant())
                .build();
    }

    @Override
    public String toString() {
        return "InMemoryArtifactStore[" + entries.size() + " entries]";
    }
}
