package dev.agentic.core;

import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.secret.SecretException;
import dev.agentic.core.store.StorageException;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a workflow did not end normally: its {@link Kind}, whether trying again may help, and a redacted
 * message. Kept in {@link WorkflowResult#error()} and in the stored record, so a host can tell a throttled
 * model (retry later) from a configuration mistake (fix and rerun) without parsing text. Immutable.
 */
@Experimental
public final class WorkflowError {

    /** What kind of thing went wrong. */
    public enum Kind {
        /** A model could not answer ({@link ModelException}); {@link #modelErrorKind()} says why. */
        MODEL,
        /** The sandbox could not run the program ({@link SandboxException}). */
        SANDBOX,
        /** The artifact store failed ({@link StorageException}). */
        STORAGE,
        /** A secret could not be resolved ({@link SecretException}). */
        SECRET,
        /** Something was configured wrongly ({@link ConfigurationException}). */
        CONFIGURATION,
        /** The caller cancelled the run. */
        CANCELLED,
        /** A leading model used up its tool rounds without a final answer ({@link AgentOrchestrator}). */
        ROUNDS_EXHAUSTED,
        /** Any other failure of the SDK. */
        OTHER
    }

    private final Kind kind;
    private final String message;
    private final boolean retryable;
    private final ModelException.Kind modelErrorKind;

    private WorkflowError(Kind kind, String message, boolean retryable, ModelException.Kind modelErrorKind) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.message = Objects.requireNonNull(message, "message");
        this.retryable = retryable;
        this.modelErrorKind = modelErrorKind;
    }

    /**
     * The error that {@code e} ended a run with; {@code message} is its text after redaction.
     */
    public static WorkflowError of(AgenticException e, String message) {
        Objects.requireNonNull(e, "e");
        Kind kind;
        ModelException.Kind modelKind = null;
        if (e instanceof ModelException m) {
            kind = Kind.MODEL;
            modelKind = m.kind();
        } else if (e instanceof SandboxException) {
            kind = Kind.SANDBOX;
        } else if (e instanceof StorageException) {
            kind = Kind.STORAGE;
        } else if (e instanceof SecretException) {
            kind = Kind.SECRET;
        } else if (e instanceof ConfigurationException) {
            kind = Kind.CONFIGURATION;
        } else {
            kind = Kind.OTHER;
        }
        return new WorkflowError(kind, message, e.retryable(), modelKind);
    }

    /** An error of {@code kind} that no exception caused (cancellation, rounds used up). */
    public static WorkflowError of(Kind kind, String message, boolean retryable) {
        if (kind == Kind.MODEL) {
            return new WorkflowError(kind, message, retryable, ModelException.Kind.UNKNOWN);
        }
        return new WorkflowError(kind, message, retryable, null);
    }

    /** A model error of {@code modelErrorKind} (as read back from a record). */
    public static WorkflowError model(ModelException.Kind modelErrorKind, String message) {
        Objects.requireNonNull(modelErrorKind, "modelErrorKind");
        return new WorkflowError(Kind.MODEL, message, modelErrorKind.retryable(), modelErrorKind);
    }

    public Kind kind() {
        return kind;
    }

    /** What went wrong and what to do, with secret values redacted. */
    public String message() {
        return message;
    }

    /** Whether running the same task again later may succeed (a throttled model, an unreachable store). */
    public boolean retryable() {
        return retryable;
    }

    /** For {@link Kind#MODEL}: the model's failure kind. */
    public Optional<ModelException.Kind> modelErrorKind() {
        return Optional.ofNullable(modelErrorKind);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkflowError w
                && kind == w.kind
                && message.equals(w.message)
                && retryable == w.retryable
                && modelErrorKind == w.modelErrorKind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, message, retryable, modelErrorKind);
    }

    @Override
    public String toString() {
        return kind + (modelErrorKind == null ? "" : "/" + modelErrorKind) + (retryable ? " (retryable)" : "") + ": "
                + message;
    }
}
