package dev.agentic.core.event;

import dev.agentic.core.Code;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.validate.ValidationResult;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened in a workflow, delivered to {@link WorkflowListener}s in order. Sealed: switch
 * over the cases. Every text in an event has had secret values redacted.
 */
public sealed interface WorkflowEvent {

    /** When it happened. */
    Instant time();

    /** The attempt it belongs to (1-based), or 0 for workflow-level events. */
    int attempt();

    /** The workflow started for {@code task}. */
    record Started(Instant time, Task task) implements WorkflowEvent {
        public Started {
            Objects.requireNonNull(task, "task");
        }

        @Override
        public int attempt() {
            return 0;
        }
    }

    /** The generator was called (a repair when {@code attempt > 1}). */
    record GenerationStarted(Instant time, int attempt) implements WorkflowEvent {
    }

    /** A piece of the model's answer while it streams. */
    record CodeDelta(Instant time, int attempt, String text) implements WorkflowEvent {
        public CodeDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The generator produced a program. */
    record CodeGenerated(Instant time, int attempt, Code code, String modelId) implements WorkflowEvent {
        public CodeGenerated {
            Objects.requireNonNull(code, "code");
        }
    }

    /** The generator's answer held no program. */
    record NoCodeGenerated(Instant time, int attempt, String reason) implements WorkflowEvent {
        public NoCodeGenerated {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The validator judged the program. */
    record Validated(Instant time, int attempt, ValidationResult result) implements WorkflowEvent {
        public Validated {
            Objects.requireNonNull(result, "result");
        }
    }

    /** The program was handed to the sandbox. */
    record ExecutionStarted(Instant time, int attempt) implements WorkflowEvent {
    }

    /** The sandbox finished the run. */
    record Executed(Instant time, int attempt, ExecutionResult result) implements WorkflowEvent {
        public Executed {
            Objects.requireNonNull(result, "result");
        }
    }

    /** The attempt failed and another one will repair it; {@code reason} says why. */
    record Repairing(Instant time, int attempt, String reason) implements WorkflowEvent {
        public Repairing {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The workflow ended with a successful run. */
    record Completed(Instant time, WorkflowResult result) implements WorkflowEvent {
        public Completed {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public int attempt() {
            return result.attempts().size();
        }
    }

    /** The workflow ended without a successful run (attempts exhausted, or an error). */
    record Failed(Instant time, WorkflowResult result) implements WorkflowEvent {
        public Failed {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public int attempt() {
            return result.attempts().size();
        }
    }
}
