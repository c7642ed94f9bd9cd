package dev.agentic.core.model;

import dev.agentic.core.AgenticException;
import dev.agentic.core.annotation.Stable;
import java.util.Objects;

/** A model could not answer. The {@link Kind} says why and whether another try may help. */
@Stable
public class ModelException extends AgenticException {
    private static final long serialVersionUID = 1L;

    /** Why a model call failed. */
    public enum Kind {
        THROTTLED(true),
        UNAVAILABLE(true),
        TIMEOUT(true),
        SERVER_ERROR(true),
        INVALID_REQUEST(false),
        ACCESS_DENIED(false),
        CONTEXT_TOO_LONG(false),
        CONTENT_FILTERED(false),
        MODEL_NOT_FOUND(false),
        UNKNOWN(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether the same request may succeed later or on another model. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final String modelId;

    public ModelException(Kind kind, String modelId, String message) {
        this(kind, modelId, message, null);
    }

    public ModelException(Kind kind, String modelId, String message, Throwable cause) {
        super("[" + kind + " from " + modelId + "] " + message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
    }

    public Kind kind() {
        return kind;
    }

    /** The model that failed. */
    public String modelId() {
        return modelId;
    }

    @Override
    public boolean retryable() {
        return kind.retryable();
    }
}
