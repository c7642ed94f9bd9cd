package dev.agentic.core.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers, for the most recently used keys, which {@linkplain ArtifactKeys#variant variant} was handed out
 * last, so {@link VariantWriter} does not probe every taken variant again when many artifacts share a
 * key (many runs in the same second). Only a hint: the store's atomic create still decides. Thread-safe;
 * bounded to a few dozen keys.
 */
final class VariantHint {
    private static final int MAX_KEYS = 64;

    private final Map<String, Integer> lastVariant = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_KEYS;
        }
    };

    /** The variant number to try first for {@code key} (1 means the key itself). */
    synchronized int firstCandidate(String key) {
        Integer n = lastVariant.get(key);
        return n == null ? 1 : n + 1;
    }

    /** Records that variant {@code n} of {@code key} was taken. */
    synchronized void taken(String key, int n) {
        lastVariant.merge(key, n, Math::max);
    }
}
