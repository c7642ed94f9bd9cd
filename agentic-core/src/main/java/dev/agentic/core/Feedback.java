package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.validate.Finding;
import java.util.List;
import java.util.Objects;

/**
 * Why the previous attempt has to be repaired; handed to the {@link Generator} with the previous code.
 * Sealed: the validator rejected the code, the run failed, or the model's answer held no code.
 */
@Stable
public sealed interface Feedback permits Feedback.Rejected, Feedback.RunFailed, Feedback.NoCode {

    /** The validator rejected {@code previous} with these findings. */
    record Rejected(Code previous, List<Finding> findings) implements Feedback {
        public Rejected {
            Objects.requireNonNull(previous, "previous");
            findings = List.copyOf(findings);
        }
    }

    /** {@code previous} ran and did not succeed; {@code result} has its (redacted) output. */
    record RunFailed(Code previous, ExecutionResult result) implements Feedback {
        public RunFailed {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The model answered {@code modelText} but no program could be extracted from it. */
    record NoCode(String modelText, String reason) implements Feedback {
        public NoCode {
            Objects.requireNonNull(modelText, "modelText");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
