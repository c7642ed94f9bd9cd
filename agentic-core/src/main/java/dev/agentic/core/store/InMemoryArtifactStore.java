package dev.agentic.core.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;

/** An {@link ArtifactStore} in memory. Thread-safe; holds no resources. */
public final class InMemoryArtifactStore implements ArtifactStore {
    private final ConcurrentSkipListMap<String, byte[]> entries = new ConcurrentSkipListMap<>();
    private final VariantHint hint = new VariantHint();

    @Override
    public void put(String key, byte[] content) {
        entries.put(ArtifactKeys.check(key), content.clone());
    }

    @Override
    public String putNew(String key, byte[] content) {
        ArtifactKeys.check(key);
        byte[] copy = content.clone();
        for (int n = hint.firstCandidate(key); ; n++) {
            String candidate = ArtifactKeys.variant(key, n);
            if (entries.putIfAbsent(candidate, copy) == null) {
                hint.taken(key, n);
                return candidate;
            }
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        byte[] v = entries.get(ArtifactKeys.check(key));
        return v == null ? Optional.empty() : Optional.of(v.clone());
    }

    @Override
    public List<String> list(String prefix) {
        ArtifactKeys.checkPrefix(prefix);
        return entries.keySet().stream().filter(k -> k.startsWith(prefix)).collect(Collectors.toUnmodifiableList());
    }

    @Override
    public boolean delete(String key) {
        return entries.remove(ArtifactKeys.check(key)) != null;
    }

    @Override
    public String toString() {
        return "InMemoryArtifactStore[" + entries.size() + " entries]";
    }
}
