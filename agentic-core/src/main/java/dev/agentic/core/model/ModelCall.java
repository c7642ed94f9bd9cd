package dev.agentic.core.model;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to one model, as observed by whoever made it: which model, the tokens it cost, how long it took,
 * whether it answered, and its place in a fallback chain. Reported through
 * {@link StreamListener#onModelCall(ModelCall)} and turned into workflow events and metrics. Immutable.
 */
@Experimental
public final class ModelCall {
    private final String modelId;
    private final TokenUsage usage;
    private final Duration latency;
    private final ModelException.Kind failure;
    private final int chainPosition;

    private ModelCall(Builder b) {
        this.modelId = b.modelId;
        this.usage = b.usage;
        this.latency = b.latency;
        this.failure = b.failure;
        this.chainPosition = b.chainPosition;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().modelId(modelId).usage(usage).latency(latency).chainPosition(chainPosition);
        b.failure = failure;
        return b;
    }

    /** The model called, e.g. {@code anthropic.claude-3-7-sonnet-20250219-v1:0}. */
    public String modelId() {
        return modelId;
    }

    /** Tokens the call cost ({@link TokenUsage#ZERO} for a failed call). */
    public TokenUsage usage() {
        return usage;
    }

    /** From sending the request to the last byte of the answer or the failure. */
    public Duration latency() {
        return latency;
    }

    /** Why the call failed; empty when the model answered. */
    public Optional<ModelException.Kind> failure() {
        return Optional.ofNullable(failure);
    }

    /** Whether the model answered. */
    public boolean answered() {
        return failure == null;
    }

    /** The model's 0-based position in its fallback chain; 0 when it was called directly. */
    public int chainPosition() {
        return chainPosition;
    }

    /** Whether an earlier model of a fallback chain was passed over for this one. */
    public boolean fallback() {
        return chainPosition > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelCall c
                && modelId.equals(c.modelId)
                && usage.equals(c.usage)
                && latency.equals(c.latency)
                && failure == c.failure
                && chainPosition == c.chainPosition;
    }

    @Override
    public int hashCode() {
        return Objects.hash(modelId, usage, latency, failure, chainPosition);
    }

    @Override
    public String toString() {
        return "ModelCall[" + modelId + (failure == null ? ", answered" : ", failed " + failure) + ", "
                + usage.totalTokens() + " tokens, " + latency.toMillis() + " ms"
                + (chainPosition > 0 ? ", chain position " + chainPosition : "") + "]";
    }

    /** Builder for {@link ModelCall}; not thread-safe. {@link #modelId} is required. */
    public static final class Builder {
        private String modelId;
        private TokenUsage usage = TokenUsage.ZERO;
        private Duration latency = Duration.ZERO;
        private ModelException.Kind failure;
        private int chainPosition;

        private Builder() {}

        public Builder modelId(String modelId) {
            this.modelId = Objects.requireNonNull(modelId, "modelId");
            return this;
        }

        /** Tokens of the answer (default zero). */
        public Builder usage(TokenUsage usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        /** Duration of the call (default zero). */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency");
            if (latency.isNegative()) {
                throw new ConfigurationException("ModelCall.latency must not be negative, was " + latency);
            }
            this.latency = latency;
            return this;
        }

        /** Marks the call as failed with {@code kind} (default: it answered). */
        public Builder failed(ModelException.Kind kind) {
            this.failure = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /** The model's 0-based position in its fallback chain (default 0). */
        public Builder chainPosition(int position) {
            if (position < 0) {
                throw new ConfigurationException("ModelCall.chainPosition must not be negative, was " + position);
            }
            this.chainPosition = position;
            return this;
        }

        /** @throws ConfigurationException when no model id was given */
        public ModelCall build() {
            if (modelId == null) {
                throw new ConfigurationException("ModelCall needs the model's id: call .modelId(…).");
            }
            return new ModelCall(this);
        }
    }
}
