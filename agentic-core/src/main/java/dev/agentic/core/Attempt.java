package dev.agentic.core;

import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.validate.ValidationResult;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One generate → validate → run round of a workflow. Immutable.
 */
public final class Attempt {

    /** How an attempt ended. */
    public enum Outcome { NO_CODE, REJECTED, SUCCEEDED, FAILED, TIMED_OUT, KILLED }

    private final int number;
    private final GenerationResult generation;
    private final ValidationResult validation;
    private final ExecutionResult execution;
    private final Duration generationTime;
    private final Duration executionTime;

    /**
     * @param number 1-based
     * @param generation what the generator produced
     * @param validation the validator's verdict, null when there was no code
     * @param execution the run's result, null when there was no run
     * @param generationTime time spent generating
     * @param executionTime time spent validating and running
     */
    public Attempt(int number, GenerationResult generation, ValidationResult validation, ExecutionResult execution,
                   Duration generationTime, Duration executionTime) {
        this.number = number;
        this.generation = Objects.requireNonNull(generation, "generation");
        this.validation = validation;
        this.execution = execution;
        this.generationTime = Objects.requireNonNull(generationTime, "generationTime");
        this.executionTime = Objects.requireNonNull(executionTime, "executionTime");
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

    public Outcome outcome() {
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
    public String toString() {
        return "Attempt[" + number + ", " + outcome() + "]";
    }
}
