package dev.agentic.core.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Names a secret in a {@link SecretProvider}: a secret name; for secrets stored as a JSON object, the field
 * to take; and optionally which version, by id or by stage (Secrets Manager's {@code VersionId} and
 * {@code VersionStage}, such as {@code AWSCURRENT} or {@code AWSPREVIOUS}). Holds no value. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * SecretRef current = SecretRef.of("agentic-api-developer/stripe/test-key", "api_key");
 * SecretRef previous = current.toBuilder().versionStage("AWSPREVIOUS").build();
 * }</pre>
 *
 * <p>A provider that keeps no versions (environment variables) refuses a ref that names one.
 */
@Stable
public final class SecretRef {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String field;
    private final String versionId;
    private final String versionStage;

    private SecretRef(Builder b) {
        this.name = b.name;
        this.field = b.field;
        this.versionId = b.versionId;
        this.versionStage = b.versionStage;
    }

    /** The whole value of secret {@code name}, current version. */
    public static SecretRef of(String name) {
        return builder().name(name).build();
    }

    /** Field {@code field} of the JSON object stored as secret {@code name}, current version. */
    public static SecretRef of(String name, String field) {
        return builder()
                .name(name)
                .field(Objects.requireNonNull(field, "field"))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.field = field;
        b.versionId = versionId;
        b.versionStage = versionStage;
        return b;
    }

    /** The secret's name in its provider. */
    public String name() {
        return name;
    }

    /** The JSON field to select; empty for the whole value. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** The version by id; empty when the ref names a stage or the current version. */
    public Optional<String> versionId() {
        return Optional.ofNullable(versionId);
    }

    /** The version by stage label, such as {@code AWSPREVIOUS}; empty when the ref names an id or the current version. */
    public Optional<String> versionStage() {
        return Optional.ofNullable(versionStage);
    }

    /** Whether the ref names a version (by id or stage) rather than the provider's current one. */
    public boolean hasVersion() {
        return versionId != null || versionStage != null;
    }

    /**
     * Applies {@link #field()} to a raw secret value: the whole value when there is no field, else the
     * field of the JSON object. Providers call this after fetching.
     *
     * @throws SecretException when the value is not a JSON object or lacks the field (the value is not shown)
     */
    public String select(String rawValue) {
        if (field == null) {
            return rawValue;
        }
        JsonNode node;
        try {
            node = JSON.readTree(rawValue);
        } catch (IOException e) {
            throw new SecretException("Secret '" + name + "' is not a JSON object, so field '" + field
                    + "' cannot be selected; store it as JSON or drop the field from the reference.");
        }
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw new SecretException("Secret '" + name + "' has no text field '" + field + "'.");
        }
        return value.asText();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SecretRef)) {
            return false;
        }
        SecretRef r = (SecretRef) o;
        return name.equals(r.name)
                && Objects.equals(field, r.field)
                && Objects.equals(versionId, r.versionId)
                && Objects.equals(versionStage, r.versionStage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, field, versionId, versionStage);
    }

    /**
     * {@code name}, {@code name#field}, and the version when one is named:
     * {@code name#field (versionStage AWSPREVIOUS)}. Never a value.
     */
    @Override
    public String toString() {
        String s = field == null ? name : name + "#" + field;
        if (versionId != null) {
            return s + " (versionId " + versionId + ")";
        }
        return versionStage == null ? s : s + " (versionStage " + versionStage + ")";
    }

    /** Builder for {@link SecretRef}; not thread-safe. {@link #name} is required, the rest optional. */
    public static final class Builder {
        private String name;
        private String field;
        private String versionId;
        private String versionStage;

        private Builder() {}

        /** Required: the secret's name in its provider. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The JSON field to select; default none (the whole value). */
        public Builder field(String field) {
            this.field = Objects.requireNonNull(field, "field");
            return this;
        }

        /** A version by id; excludes {@link #versionStage}. Default: the provider's current version. */
        public Builder versionId(String versionId) {
            this.versionId = Objects.requireNonNull(versionId, "versionId");
            return this;
        }

        /** A version by stage label ({@code AWSCURRENT}, {@code AWSPREVIOUS}, …); excludes {@link #versionId}. */
        public Builder versionStage(String versionStage) {
            this.versionStage = Objects.requireNonNull(versionStage, "versionStage");
            return this;
        }

        /** @throws ConfigurationException naming the field that is missing, blank, or set together with another */
        public SecretRef build() {
            if (name == null || name.isBlank()) {
                throw new ConfigurationException("SecretRef.name must not be blank; call name(...)");
            }
            if (field != null && field.isBlank()) {
                throw new ConfigurationException("SecretRef.field must not be blank when given");
            }
            if (versionId != null && versionId.isBlank()) {
                throw new ConfigurationException("SecretRef.versionId must not be blank when given");
            }
            if (versionStage != null && versionStage.isBlank()) {
                throw new ConfigurationException("SecretRef.versionStage must not be blank when given");
            }
            if (versionId != null && versionStage != null) {
                throw new ConfigurationException(
                        "SecretRef.versionId and SecretRef.versionStage are mutually exclusive; "
                                + "name the version by one of them.");
            }
            return new SecretRef(this);
        }
    }
}
