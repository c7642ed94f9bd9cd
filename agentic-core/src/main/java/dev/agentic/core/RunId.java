package dev.agentic.core;

import dev.agentic.core.annotation.Experimental;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identity of one workflow run: on every {@link dev.agentic.core.event.WorkflowEvent} of the run, in the
 * {@link GenerationRequest}s it makes, in its {@link WorkflowResult} and in its stored record. Hosts use it to
 * route a run's events (one browser tab, one metrics timer) and to find its record again.
 *
 * <p>A random id is made for every run unless the caller supplies one ({@link WorkflowRequest.Builder#runId}),
 * for instance the id of the host's own request. Immutable.
 *
 * @param value 1 to 64 letters, digits, '.', '_' or '-'
 */
@Experimental
public record RunId(String value) {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public RunId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new ConfigurationException("RunId must be 1-64 letters, digits, '.', '_' or '-' starting with a "
                    + "letter or digit, was '" + value + "'");
        }
    }

    /** A new random id: the text of a random UUID. */
    public static RunId random() {
        return new RunId(UUID.randomUUID().toString());
    }

    /** The id with this text. */
    public static RunId of(String value) {
        return new RunId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
