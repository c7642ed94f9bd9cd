package dev.agentic.core.event;

import dev.agentic.core.Code;
import dev.agentic.core.RunId;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.annotation.Stable;
import dev.agentic.core.model.ModelCall;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.validate.ValidationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened in a workflow run, delivered to {@link WorkflowListener}s in order. Sealed: switch
 * over the cases. Every event names its run ({@link #runId()}), so one listener can serve many concurrent
 * runs. Every text in an event has had secret values redacted.
 */
@Stable
public sealed interface WorkflowEvent {

    /** The run it belongs to. */
    RunId runId();

    /** When it happened. */
    Instant time();

    /** The attempt it belongs to (1-based), or 0 for run-level events. */
    int attempt();

    /** The workflow started for {@code task}. */
    record Started(RunId runId, Instant time, Task task) implements WorkflowEvent {
        public Started {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(task, "task");
        }

        @Override
        public int attempt() {
            return 0;
        }
    }

    /** The generator was called (a repair when {@code attempt > 1}). */
    record GenerationStarted(RunId runId, Instant time, int attempt) implements WorkflowEvent {
        public GenerationStarted {
            Objects.requireNonNull(runId, "runId");
        }
    }

    /** A piece of the model's answer while it streams. */
    record CodeDelta(RunId runId, Instant time, int attempt, String text) implements WorkflowEvent {
        public CodeDelta {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A model answered or failed: which model, tokens, latency, and its place in a fallback chain. One event
     * per underlying model call, so a fallback chain that tried two models before the third answered gives
     * three. {@code attempt} is 0 for the leading model's calls in an {@code AgentOrchestrator}.
     */
    record ModelCalled(RunId runId, Instant time, int attempt, ModelCall call) implements WorkflowEvent {
        public ModelCalled {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(call, "call");
        }
    }

    /**
     * A leading model's tool call was carried out ({@code AgentOrchestrator}): the tool's name, the model's id
     * for the call, whether the tool reported an error to the model, and how long it took.
     *
     * @param round the 1-based model round that asked for the tool
     */
    record ToolCalled(
            RunId runId,
            Instant time,
            int attempt,
            int round,
            String tool,
            String toolUseId,
            boolean error,
            Duration duration)
            implements WorkflowEvent {
        public ToolCalled {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** The generator produced a program. */
    record CodeGenerated(RunId runId, Instant time, int attempt, Code code, String modelId) implements WorkflowEvent {
        public CodeGenerated {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(modelId, "modelId");
        }
    }

    /** The generator's answer held no program. */
    record NoCodeGenerated(RunId runId, Instant time, int attempt, String reason) implements WorkflowEvent {
        public NoCodeGenerated {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The validator judged the program. */
    record Validated(RunId runId, Instant time, int attempt, ValidationResult result) implements WorkflowEvent {
        public Validated {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The program was handed to the sandbox. */
    record ExecutionStarted(RunId runId, Instant time, int attempt) implements WorkflowEvent {
        public ExecutionStarted {
            Objects.requireNonNull(runId, "runId");
        }
    }

    /** The sandbox finished the run. */
    record Executed(RunId runId, Instant time, int attempt, ExecutionResult result) implements WorkflowEvent {
        public Executed {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(result, "result");
        }
    }

    /** The attempt failed and another one will repair it; {@code reason} says why. */
    record Repairing(RunId runId, Instant time, int attempt, String reason) implements WorkflowEvent {
        public Repairing {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The workflow ended with a successful run. */
    record Completed(RunId runId, Instant time, WorkflowResult result) implements WorkflowEvent {
        public Completed {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public int attempt() {
            return result.attempts().size();
        }
    }

    /** The workflow ended without a successful run (attempts exhausted, or an error). */
    record Failed(RunId runId, Instant time, WorkflowResult result) implements WorkflowEvent {
        public Failed {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public int attempt() {
            return result.attempts().size();
        }
    }

    /** The caller cancelled the run; {@code result} is what was done until then (its record is stored). */
    record Cancelled(RunId runId, Instant time, WorkflowResult result) implements WorkflowEvent {
        public Cancelled {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(result, "result");
        }

        @Override
        public int attempt() {
            return result.attempts().size();
        }
    }
}
