package dev.agentic.core;

import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.sandbox.ExecutionResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a workflow ended: status, every attempt, the final program and its run, tokens, estimated cost and
 * where its records were stored. Immutable; all texts are redacted.
 */
public final class WorkflowResult {
    private final Task task;
    private final WorkflowStatus status;
    private final List<Attempt> attempts;
    private final TokenUsage usage;
    private final int modelCalls;
    private final BigDecimal estimatedCostUsd;
    private final List<String> records;
    private final Duration duration;
    private final String error;
    private final String answer;

    /**
     * @param estimatedCostUsd null when a model's price is unknown
     * @param error what went wrong for {@link WorkflowStatus#ERROR}, else null
     */
    public WorkflowResult(Task task, WorkflowStatus status, List<Attempt> attempts, TokenUsage usage, int modelCalls,
                          BigDecimal estimatedCostUsd, List<String> records, Duration duration, String error) {
        this(task, status, attempts, usage, modelCalls, estimatedCostUsd, records, duration, error, null);
    }

    /**
     * @param estimatedCostUsd null when a model's price is unknown
     * @param error what went wrong for {@link WorkflowStatus#ERROR}, else null
     * @param answer the model's final words when a model led the workflow ({@link AgentOrchestrator}), else null
     */
    public WorkflowResult(Task task, WorkflowStatus status, List<Attempt> attempts, TokenUsage usage, int modelCalls,
                          BigDecimal estimatedCostUsd, List<String> records, Duration duration, String error,
                          String answer) {
        this.task = Objects.requireNonNull(task, "task");
        this.status = Objects.requireNonNull(status, "status");
        this.attempts = List.copyOf(attempts);
        this.usage = Objects.requireNonNull(usage, "usage");
        this.modelCalls = modelCalls;
        this.estimatedCostUsd = estimatedCostUsd;
        this.records = List.copyOf(records);
        this.duration = Objects.requireNonNull(duration, "duration");
        this.error = error;
        this.answer = answer;
    }

    public Task task() {
        return task;
    }

    public WorkflowStatus status() {
        return status;
    }

    public boolean succeeded() {
        return status == WorkflowStatus.SUCCEEDED;
    }

    /** Every attempt, in order. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** The last attempt's program, if any attempt produced one. */
    public Optional<Code> finalCode() {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            Optional<Code> c = attempts.get(i).code();
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** The last run's result, if any attempt ran. */
    public Optional<ExecutionResult> finalResult() {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            Optional<ExecutionResult> r = attempts.get(i).execution();
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /** Tokens of all model calls. */
    public TokenUsage usage() {
        return usage;
    }

    public int modelCalls() {
        return modelCalls;
    }

    /** Estimated cost in US dollars, empty when a model's price is not in the price table. */
    public Optional<BigDecimal> estimatedCostUsd() {
        return Optional.ofNullable(estimatedCostUsd);
    }

    /** Keys of the stored artifacts (generated code, then the execution record). */
    public List<String> records() {
        return records;
    }

    public Duration duration() {
        return duration;
    }

    /** For {@link WorkflowStatus#ERROR}: what went wrong. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** The leading model's final answer, for workflows a model led ({@link AgentOrchestrator}). */
    public Optional<String> answer() {
        return Optional.ofNullable(answer);
    }

    /** A copy listing these record keys (set once the records are stored). */
    public WorkflowResult withRecords(List<String> keys) {
        return new WorkflowResult(task, status, attempts, usage, modelCalls, estimatedCostUsd, keys, duration, error,
                answer);
    }

    @Override
    public String toString() {
        return "WorkflowResult[" + status + ", " + attempts.size() + " attempts, " + modelCalls + " model calls, "
                + usage.totalTokens() + " tokens]";
    }
}
