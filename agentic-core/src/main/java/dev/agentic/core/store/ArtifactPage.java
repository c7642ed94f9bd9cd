package dev.agentic.core.store;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of keys from {@link ArtifactStore#list(ListRequest)}: sorted, and a token for the next page when
 * there may be more. Immutable.
 */
@Experimental
public final class ArtifactPage {
    private static final ArtifactPage EMPTY = builder().build();

    private final List<String> keys;
    private final String nextToken;

    private ArtifactPage(Builder b) {
        this.keys = List.copyOf(b.keys);
        this.nextToken = b.nextToken;
    }

    /** A last page with no keys. */
    public static ArtifactPage empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().keys(keys);
        b.nextToken = nextToken;
        return b;
    }

    /** This page's keys in ascending order (by UTF-16 code unit, which for valid keys is byte order). */
    public List<String> keys() {
        return keys;
    }

    /**
     * The token for {@link ListRequest.Builder#continuationToken} that continues after this page's last
     * key; empty when this is the last page.
     */
    public Optional<String> nextToken() {
        return Optional.ofNullable(nextToken);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArtifactPage
                && keys.equals(((ArtifactPage) o).keys)
                && Objects.equals(nextToken, ((ArtifactPage) o).nextToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keys, nextToken);
    }

    @Override
    public String toString() {
        return "ArtifactPage[" + keys.size() + " keys" + (nextToken == null ? ", last" : ", more") + "]";
    }

    /** Builder for {@link ArtifactPage}; not thread-safe. Default: no keys, no next page. */
    public static final class Builder {
        private List<String> keys = List.of();
        private String nextToken;

        private Builder() {}

        /** This page's keys, sorted. */
        public Builder keys(List<String> keys) {
            this.keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
            return this;
        }

        /** The token that continues after this page's last key. */
        public Builder nextToken(String nextToken) {
            this.nextToken = Objects.requireNonNull(nextToken, "nextToken");
            return this;
        }

        /** @throws ConfigurationException when the keys are not sorted or the token is empty */
        public ArtifactPage build() {
            for (int i = 1; i < keys.size(); i++) {
                if (keys.get(i - 1).compareTo(keys.get(i)) >= 0) {
                    throw new ConfigurationException("ArtifactPage.keys must be sorted and distinct; '"
                            + keys.get(i - 1) + "' comes before '" + keys.get(i) + "'.");
                }
            }
            if (nextToken != null && nextToken.isEmpty()) {
                throw new ConfigurationException(
                        "ArtifactPage.nextToken must not be empty; omit it " + "on the last page.");
            }
            return new ArtifactPage(this);
        }
    }
}
