package dev.agentic.core.store;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link KeyLayout} knows about a finished run when it names the run's artifacts: the integration, the
 * task's description, the file extension of the program's language, the time, and whether the run succeeded.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * KeyContext context = KeyContext.builder().integration("stripe").description("Create a customer")
 *     .extension("py").time(Instant.now()).succeeded(true).build();
 * String key = KeyLayout.standard().codeKey(context);
 * }</pre>
 */
@Experimental
public final class KeyContext {
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1,16}");

    private final String integration;
    private final String description;
    private final String extension;
    private final Instant time;
    private final boolean succeeded;

    private KeyContext(Builder b) {
        this.integration = b.integration;
        this.description = b.description;
        this.extension = b.extension;
        this.time = b.time;
        this.succeeded = b.succeeded;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .integration(integration)
                .description(description)
                .extension(extension)
                .time(time)
                .succeeded(succeeded);
    }

    /** The integration the task is for, such as {@code stripe}; a valid key segment. */
    public String integration() {
        return integration;
    }

    /** The task's natural-language description. */
    public String description() {
        return description;
    }

    /** The program's file extension without the dot, such as {@code py}. */
    public String extension() {
        return extension;
    }

    /** When the run ended. */
    public Instant time() {
        return time;
    }

    /** Whether the run succeeded. */
    public boolean succeeded() {
        return succeeded;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KeyContext)) {
            return false;
        }
        KeyContext c = (KeyContext) o;
        return integration.equals(c.integration)
                && description.equals(c.description)
                && extension.equals(c.extension)
                && time.equals(c.time)
                && succeeded == c.succeeded;
    }

    @Override
    public int hashCode() {
        return Objects.hash(integration, description, extension, time, succeeded);
    }

    @Override
    public String toString() {
        return "KeyContext[" + integration + ", ." + extension + ", " + time + (succeeded ? ", succeeded" : ", failed")
                + ", \"" + description + "\"]";
    }

    /**
     * Builder for {@link KeyContext}; not thread-safe. Integration, description, extension and time are
     * required; {@link #succeeded} defaults to false.
     */
    public static final class Builder {
        private String integration;
        private String description;
        private String extension;
        private Instant time;
        private boolean succeeded;

        private Builder() {}

        /** Required; one key segment (letters, digits, '.', '_', '-'). */
        public Builder integration(String integration) {
            this.integration = Objects.requireNonNull(integration, "integration");
            return this;
        }

        /** Required; any text (layouts slug it). */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** Required; 1-16 ASCII letters and digits, no dot. */
        public Builder extension(String extension) {
            this.extension = Objects.requireNonNull(extension, "extension");
            return this;
        }

        /** Required. */
        public Builder time(Instant time) {
            this.time = Objects.requireNonNull(time, "time");
            return this;
        }

        /** Default false. */
        public Builder succeeded(boolean succeeded) {
            this.succeeded = succeeded;
            return this;
        }

        /** @throws ConfigurationException naming the field that is missing or invalid */
        public KeyContext build() {
            if (integration == null || integration.contains("/") || !ArtifactKeys.isValid(integration)) {
                throw new ConfigurationException("KeyContext.integration must be one key segment of letters, digits, "
                        + "'.', '_' and '-', was '" + integration + "'; call integration(...).");
            }
            if (description == null) {
                throw new ConfigurationException("KeyContext.description is required; call description(...)");
            }
            if (extension == null || !EXTENSION.matcher(extension).matches()) {
                throw new ConfigurationException("KeyContext.extension must be 1-16 letters and digits without the "
                        + "dot, was '" + extension + "'; call extension(\"py\") or similar.");
            }
            if (time == null) {
                throw new ConfigurationException("KeyContext.time is required; call time(...)");
            }
            return new KeyContext(this);
        }
    }
}
