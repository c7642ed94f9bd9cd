package dev.agentic.core.store;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One stored artifact as {@link ArtifactStore#read} returns it: key, content, metadata and when it was last
 * written. Immutable and thread-safe: {@link #content()} returns a copy.
 */
@Experimental
public final class Artifact {
    private final String key;
    private final byte[] content;
    private final ArtifactMetadata metadata;
    private final Instant lastModified;

    private Artifact(Builder b) {
        this.key = b.key;
        this.content = b.content.clone();
        this.metadata = b.metadata;
        this.lastModified = b.lastModified;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().key(key).content(content).metadata(metadata).lastModified(lastModified);
    }

    public String key() {
        return key;
    }

    /** A copy of the stored bytes. */
    public byte[] content() {
        return content.clone();
    }

    /** The number of stored bytes. */
    public long size() {
        return content.length;
    }

    public ArtifactMetadata metadata() {
        return metadata;
    }

    /** When the content was last written, as the store's clock saw it. */
    public Instant lastModified() {
        return lastModified;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Artifact)) {
            return false;
        }
        Artifact a = (Artifact) o;
        return key.equals(a.key)
                && Arrays.equals(content, a.content)
                && metadata.equals(a.metadata)
                && lastModified.equals(a.lastModified);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(content), metadata, lastModified);
    }

    /** Key, size, metadata and time; never the content. */
    @Override
    public String toString() {
        return "Artifact[" + key + ", " + content.length + " bytes, " + metadata + ", " + lastModified + "]";
    }

    /** Builder for {@link Artifact}; not thread-safe. Key, content and last-modified time are required. */
    public static final class Builder {
        private String key;
        private byte[] content;
        private ArtifactMetadata metadata = ArtifactMetadata.empty();
        private Instant lastModified;

        private Builder() {}

        /** Required; a key valid under {@link ArtifactKeys#check}. */
        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /** Required; copied at {@link #build()}. */
        public Builder content(byte[] content) {
            this.content = Objects.requireNonNull(content, "content");
            return this;
        }

        /** Default {@link ArtifactMetadata#empty()}. */
        public Builder metadata(ArtifactMetadata metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata");
            return this;
        }

        /** Required. */
        public Builder lastModified(Instant lastModified) {
            this.lastModified = Objects.requireNonNull(lastModified, "lastModified");
            return this;
        }

        /** @throws ConfigurationException naming the missing field */
        public Artifact build() {
            if (key == null) {
                throw new ConfigurationException("Artifact.key is required; call key(...)");
            }
            ArtifactKeys.check(key);
            if (content == null) {
                throw new ConfigurationException("Artifact.content is required; call content(...)");
            }
            if (lastModified == null) {
                throw new ConfigurationException("Artifact.lastModified is required; call lastModified(...)");
            }
            return new Artifact(this);
        }
    }
}
