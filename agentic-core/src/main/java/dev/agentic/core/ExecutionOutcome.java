package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.validate.ValidationResult;
import java.util.Objects;

/**
 * What an {@link Executor} did with a program. Sealed: it was rejected by the validator (and never ran),
 * or it ran.
 */
@Stable
public sealed interface ExecutionOutcome permits ExecutionOutcome.Rejected, ExecutionOutcome.Ran {

    /** The validator's verdict (present in both cases). */
    ValidationResult validation();

    /** True when the program ran and succeeded. */
    default boolean succeeded() {
        return this instanceof Ran r && r.result().succeeded();
    }

    /** The validator found errors; the program was not run. */
    record Rejected(ValidationResult validation) implements ExecutionOutcome {
        public Rejected {
            Objects.requireNonNull(validation, "validation");
        }
    }

    /** The program passed validation and ran; {@code result} is its outcome. */
    record Ran(ValidationResult validation, ExecutionResult result) implements ExecutionOutcome {
        public Ran {
            Objects.requireNonNull(validation, "validation");
            Objects.requireNonNull(result, "result");
        }
    }
}
