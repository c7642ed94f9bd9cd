package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.validate.ValidationResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One generate → validate → run round of a workflow. Immutable.
 */
@Stable
public final class Attempt {

    /** How an attempt ended. */
    public enum Outcome {
        NO_CODE,
        REJECTED,
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        KILLED,
        CANCELLED
    }

    private final int number;
    private final GenerationResult generation;
    private final ValidationResult validation;
    private final ExecutionResult execution;
    private final Duration generationTime;
    private final Duration executionTime;
    private final boolean cancelled;

    private Attempt(Builder b) {
        this.number = b.number;
        this.generation = b.generation;
        this.validation = b.validation;
        this.execution = b.execution;
        this.generationTime = b.generationTime;
        this.executionTime = b.executionTime;
        this.cancelled = b.cancelled;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder()
                .number(number)
                .generation(generation)
                .generationTime(generationTime)
                .executionTime(executionTime);
        b.validation = validation;
        b.execution = execution;
        b.cancelled = cancelled;
        return b;
    }

    public int number() {
        return number;
    }

    public GenerationResult generation() {
        return generation;
    }

    /** The program, when the generator produced one. */
    public Optional<Code> code() {
        return generation instanceof GenerationResult.Generated g ? Optional.of(g.code()) : Optional.empty();
    }

    public Optional<ValidationResult> validation() {
        return Optional.ofNullable(validation);
    }

    public Optional<ExecutionResult> execution() {
        return Optional.ofNullable(execution);
    }

    public Duration generationTime() {
        return generationTime;
    }

    public Duration executionTime() {
        return executionTime;
    }

    public TokenUsage usage() {
        return generation.usage();
    }

    /** Whether the run was cancelled during this attempt (before its program finished). */
    public boolean cancelled() {
        return cancelled;
    }

    public Outcome outcome() {
        if (cancelled) {
            return Outcome.CANCELLED;
        }
        if (generation instanceof GenerationResult.NoCode) {
            return Outcome.NO_CODE;
        }
        if (execution == null) {
            return Outcome.REJECTED;
        }
        if (execution instanceof ExecutionResult.Succeeded) {
            return Outcome.SUCCEEDED;
        } else if (execution instanceof ExecutionResult.Failed) {
            return Outcome.FAILED;
        } else if (execution instanceof ExecutionResult.TimedOut) {
            return Outcome.TIMED_OUT;
        }
        return Outcome.KILLED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attempt a
                && number == a.number
                && generation.equals(a.generation)
                && Objects.equals(validation, a.validation)
                && Objects.equals(execution, a.execution)
                && generationTime.equals(a.generationTime)
                && executionTime.equals(a.executionTime)
                && cancelled == a.cancelled;
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, generation, validation, execution, generationTime, executionTime, cancelled);
    }

    @Override
    public String toString() {
        return "Attempt[" + number + ", " + outcome() + "]";
    }

    /**
     * Builder for {@link Attempt}; not thread-safe. {@link #number} and {@link #generation} are required; an
     * attempt with an execution must have a validation (only validated programs run).
     */
    public static final class Builder {
        private int number;
        private GenerationResult generation;
        private ValidationResult validation;
        private ExecutionResult execution;
        private Duration generationTime = Duration.ZERO;
        private Duration executionTime = Duration.ZERO;
        private boolean cancelled;

        private Builder() {}

        /** 1-based attempt number (required). */
        public Builder number(int number) {
            if (number < 1) {
                throw new ConfigurationException("Attempt.number must be 1 or more, was " + number);
            }
            this.number = number;
            return this;
        }

        /** What the generator produced (required). */
        public Builder generation(GenerationResult generation) {
            this.generation = Objects.requireNonNull(generation, "generation");
            return this;
        }

        /** The validator's verdict (absent when there was no code). */
        public Builder validation(ValidationResult validation) {
            this.validation = Objects.requireNonNull(validation, "validation");
            return this;
        }

        /** The run's result (absent when the program was rejected or never ran). */
        public Builder execution(ExecutionResult execution) {
            this.execution = Objects.requireNonNull(execution, "execution");
            return this;
        }

        /** Time spent generating (default zero). */
        public Builder generationTime(Duration time) {
            this.generationTime = Objects.requireNonNull(time, "time");
            return this;
        }

        /** Time spent validating and running (default zero). */
        public Builder executionTime(Duration time) {
            this.executionTime = Objects.requireNonNull(time, "time");
            return this;
        }

        /** Marks the attempt as ended by the run's cancellation before its program finished. */
        public Builder cancelled() {
            this.cancelled = true;
            return this;
        }

        /** @throws ConfigurationException naming a missing or inconsistent field */
        public Attempt build() {
            if (number < 1) {
                throw new ConfigurationException("Attempt needs its number: call .number(n) with n >= 1.");
            }
            if (generation == null) {
                throw new ConfigurationException("Attempt needs the generation result: call .generation(…).");
            }
            if (generation instanceof GenerationResult.NoCode && (validation != null || execution != null)) {
                throw new ConfigurationException("Attempt without code cannot have a validation or an execution.");
            }
            if (execution != null && validation == null) {
                throw new ConfigurationException("Attempt with an execution needs the validation that let it run.");
            }
            return new Attempt(this);
        }
    }
}
