package dev.agentic.core.store;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a writer says about an artifact besides its bytes: a content type and user metadata. Immutable and
 * thread-safe; {@link ArtifactStore}s keep it with the content and return it from {@link ArtifactStore#read}.
 *
 * <p>User metadata follows rules every store can keep, S3's user metadata ({@code x-amz-meta-*} headers)
 * included:
 * <ul>
 *   <li>keys are 1-{@value #MAX_KEY_LENGTH} lowercase ASCII letters, digits and '-', starting with a letter
 *       ({@code integration}, {@code model-id});</li>
 *   <li>values are printable ASCII (space to '~') without leading or trailing spaces, possibly empty;</li>
 *   <li>all keys and values together take at most {@value #MAX_USER_METADATA_BYTES} bytes.</li>
 * </ul>
 *
 * <pre>{@code
 * ArtifactMetadata meta = ArtifactMetadata.builder()
 *     .contentType(ContentTypes.PYTHON)
 *     .userMetadata("integration", "stripe")
 *     .build();
 * }</pre>
 */
@Experimental
public final class ArtifactMetadata {
    /** The longest user metadata key. */
    public static final int MAX_KEY_LENGTH = 128;
    /** The most bytes all user metadata keys and values may take together (S3's limit). */
    public static final int MAX_USER_METADATA_BYTES = 2048;
    /** The longest content type. */
    public static final int MAX_CONTENT_TYPE_LENGTH = 255;

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{0," + (MAX_KEY_LENGTH - 1) + "}");
    private static final Pattern VALUE = Pattern.compile("([\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?)?");
    private static final String TOKEN = "[A-Za-z0-9!#$&^_.+-]+";
    private static final Pattern CONTENT_TYPE = Pattern.compile(
            TOKEN + "/" + TOKEN + "( *; *" + TOKEN + "=(" + TOKEN + "|\"[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]*\"))*");
    private static final ArtifactMetadata EMPTY = builder().build();

    private final String contentType;
    private final Map<String, String> userMetadata;

    private ArtifactMetadata(Builder b) {
        this.contentType = b.contentType;
        this.userMetadata = Collections.unmodifiableMap(new TreeMap<>(b.userMetadata));
    }

    /** Content type {@value ContentTypes#OCTET_STREAM} and no user metadata. */
    public static ArtifactMetadata empty() {
        return EMPTY;
    }

    /** Metadata with this content type and no user metadata. */
    public static ArtifactMetadata of(String contentType) {
        return builder().contentType(contentType).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.contentType = contentType;
        b.userMetadata.putAll(userMetadata);
        return b;
    }

    /** The MIME type, such as {@code text/x-python}; {@value ContentTypes#OCTET_STREAM} when none was given. */
    public String contentType() {
        return contentType;
    }

    /** User metadata, sorted by key; unmodifiable. */
    public Map<String, String> userMetadata() {
        return userMetadata;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArtifactMetadata
                && contentType.equals(((ArtifactMetadata) o).contentType)
                && userMetadata.equals(((ArtifactMetadata) o).userMetadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, userMetadata);
    }

    @Override
    public String toString() {
        return "ArtifactMetadata[" + contentType + ", " + userMetadata + "]";
    }

    /** Builder for {@link ArtifactMetadata}; not thread-safe. Every setter is optional. */
    public static final class Builder {
        private String contentType = ContentTypes.OCTET_STREAM;
        private final Map<String, String> userMetadata = new TreeMap<>();

        private Builder() {}

        /** A MIME type such as {@code application/json; charset=utf-8} (default {@value ContentTypes#OCTET_STREAM}). */
        public Builder contentType(String contentType) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            return this;
        }

        /** Adds or replaces one user metadata entry; see the class comment for the rules. */
        public Builder userMetadata(String key, String value) {
            userMetadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Replaces all user metadata with {@code entries}. */
        public Builder userMetadata(Map<String, String> entries) {
            Objects.requireNonNull(entries, "entries");
            userMetadata.clear();
            entries.forEach(this::userMetadata);
            return this;
        }

        /**
         * @throws ConfigurationException naming the field and the rule when the content type or a user
         *         metadata entry breaks the rules in the class comment
         */
        public ArtifactMetadata build() {
            if (contentType.length() > MAX_CONTENT_TYPE_LENGTH
                    || !CONTENT_TYPE.matcher(contentType).matches()) {
                throw new ConfigurationException("ArtifactMetadata.contentType '" + contentType
                        + "' is not a MIME type; use type/subtype with optional ;name=value parameters, e.g. "
                        + ContentTypes.JSON + ".");
            }
            int bytes = 0;
            for (Map.Entry<String, String> e : userMetadata.entrySet()) {
                if (!KEY.matcher(e.getKey()).matches()) {
                    throw new ConfigurationException("ArtifactMetadata.userMetadata key '" + e.getKey() + "' must be 1-"
                            + MAX_KEY_LENGTH + " lowercase ASCII letters, digits and '-', starting with a letter.");
                }
                if (!VALUE.matcher(e.getValue()).matches()) {
                    throw new ConfigurationException("ArtifactMetadata.userMetadata value of '" + e.getKey()
                            + "' must be printable ASCII without leading or trailing spaces.");
                }
                bytes += e.getKey().getBytes(StandardCharsets.US_ASCII).length
                        + e.getValue().length();
            }
            if (bytes > MAX_USER_METADATA_BYTES) {
                throw new ConfigurationException("ArtifactMetadata.userMetadata takes " + bytes + " bytes; keys and "
                        + "values together may take at most " + MAX_USER_METADATA_BYTES + ".");
            }
            return new ArtifactMetadata(this);
        }
    }
}
