package dev.agentic.core.store;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing: which keys ({@link #prefix()}), how many at most ({@link #pageSize()}), and where
 * to continue ({@link #continuationToken()}, taken from the previous {@link ArtifactPage}). Immutable.
 *
 * <pre>{@code
 * ListRequest first = ListRequest.builder().prefix("executions/stripe/").pageSize(100).build();
 * ArtifactPage page = store.list(first);
 * while (page.nextToken().isPresent()) {
 *     page = store.list(first.toBuilder().continuationToken(page.nextToken().get()).build());
 * }
 * }</pre>
 */
@Experimental
public final class ListRequest {
    /** The largest page, and the default: S3 returns at most this many keys per request. */
    public static final int MAX_PAGE_SIZE = 1000;

    private final String prefix;
    private final int pageSize;
    private final String continuationToken;

    private ListRequest(Builder b) {
        this.prefix = b.prefix;
        this.pageSize = b.pageSize;
        this.continuationToken = b.continuationToken;
    }

    /** The first page of keys starting with {@code prefix}, {@value #MAX_PAGE_SIZE} at most. */
    public static ListRequest of(String prefix) {
        return builder().prefix(prefix).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().prefix(prefix).pageSize(pageSize);
        b.continuationToken = continuationToken;
        return b;
    }

    /** Keys must start with this ("" for all); valid under {@link ArtifactKeys#checkPrefix}. */
    public String prefix() {
        return prefix;
    }

    /** The most keys one page holds, 1-{@value #MAX_PAGE_SIZE}. A page may hold fewer and still have a next. */
    public int pageSize() {
        return pageSize;
    }

    /** Opaque token from {@link ArtifactPage#nextToken()}; empty for the first page. */
    public Optional<String> continuationToken() {
        return Optional.ofNullable(continuationToken);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ListRequest)) {
            return false;
        }
        ListRequest r = (ListRequest) o;
        return prefix.equals(r.prefix)
                && pageSize == r.pageSize
                && Objects.equals(continuationToken, r.continuationToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, pageSize, continuationToken);
    }

    @Override
    public String toString() {
        return "ListRequest[prefix='" + prefix + "', pageSize=" + pageSize
                + (continuationToken == null ? "" : ", after token") + "]";
    }

    /** Builder for {@link ListRequest}; not thread-safe. Every setter is optional. */
    public static final class Builder {
        private String prefix = "";
        private int pageSize = MAX_PAGE_SIZE;
        private String continuationToken;

        private Builder() {}

        /** Default "" (all keys). */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Default {@value #MAX_PAGE_SIZE}. */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** The previous page's {@link ArtifactPage#nextToken()}; default none (the first page). */
        public Builder continuationToken(String continuationToken) {
            this.continuationToken = Objects.requireNonNull(continuationToken, "continuationToken");
            return this;
        }

        /** @throws ConfigurationException naming the field when the prefix, page size or token is invalid */
        public ListRequest build() {
            ArtifactKeys.checkPrefix(prefix);
            if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
                throw new ConfigurationException(
                        "ListRequest.pageSize must be 1-" + MAX_PAGE_SIZE + ", was " + pageSize + ".");
            }
            if (continuationToken != null && continuationToken.isEmpty()) {
                throw new ConfigurationException(
                        "ListRequest.continuationToken must not be empty; omit it for the " + "first page.");
            }
            return new ListRequest(this);
        }
    }
}
