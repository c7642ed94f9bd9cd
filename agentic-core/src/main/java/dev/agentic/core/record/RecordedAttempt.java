package dev.agentic.core.record;

import dev.agentic.core.Attempt;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.model.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt as its record kept it. Read-only values made by {@link ExecutionRecord#read(byte[])}; texts were
 * redacted before they were stored.
 *
 * @param number 1-based
 * @param outcome how the attempt ended
 * @param modelId the model that generated it
 * @param usage the generation's tokens
 * @param generationTime time spent generating
 * @param executionTime time spent validating and running
 * @param code the program, when one was generated
 * @param findings the validator's findings as {@code line L:C [rule] message} lines
 * @param run the run's result, when the program ran
 */
@Experimental
public record RecordedAttempt(
        int number,
        Attempt.Outcome outcome,
        String modelId,
        TokenUsage usage,
        Duration generationTime,
        Duration executionTime,
        Optional<String> code,
        List<String> findings,
        Optional<RecordedRun> run) {
    public RecordedAttempt {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(generationTime, "generationTime");
        Objects.requireNonNull(executionTime, "executionTime");
        Objects.requireNonNull(code, "code");
        findings = List.copyOf(findings);
        Objects.requireNonNull(run, "run");
    }
}
