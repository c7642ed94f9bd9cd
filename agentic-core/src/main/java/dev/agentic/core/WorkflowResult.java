package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.sandbox.ExecutionResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a workflow run ended: its id, status, every attempt, the final program and its run, tokens, estimated
 * cost, where its records were stored, and — when it did not end normally — the typed {@link WorkflowError}.
 * Immutable; all texts are redacted.
 */
@Stable
public final class WorkflowResult {
    private final RunId runId;
    private final Task task;
    private final WorkflowStatus status;
    private final List<Attempt> attempts;
    private final TokenUsage usage;
    private final int modelCalls;
    private final BigDecimal estimatedCostUsd;
    private final List<String> records;
    private final Map<String, String> outputKeys;
    private final Duration duration;
    private final WorkflowError error;
    private final String answer;

    private WorkflowResult(Builder b) {
        this.runId = b.runId;
        this.task = b.task;
        this.status = b.status;
        this.attempts = List.copyOf(b.attempts);
        this.usage = b.usage;
        this.modelCalls = b.modelCalls;
        this.estimatedCostUsd = b.estimatedCostUsd;
        this.records = List.copyOf(b.records);
        this.outputKeys = Collections.unmodifiableMap(new LinkedHashMap<>(b.outputKeys));
        this.duration = b.duration;
        this.error = b.error;
        this.answer = b.answer;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder()
                .runId(runId)
                .task(task)
                .status(status)
                .attempts(attempts)
                .usage(usage)
                .modelCalls(modelCalls)
                .records(records)
                .outputKeys(outputKeys)
                .duration(duration);
        b.estimatedCostUsd = estimatedCostUsd;
        b.error = error;
        b.answer = answer;
        return b;
    }

    /** The run's id, also in every event of the run and in its record. */
    public RunId runId() {
        return runId;
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

    /**
     * Keys of the stored artifacts: the generated code, the output files of the last sandbox run, then the
     * execution record (always last).
     */
    public List<String> records() {
        return records;
    }

    /**
     * Where the output files of the last sandbox run were stored: each file's path in the program's working
     * directory to its key in the artifact store ({@code KeyLayout#outputKey}), in the order the sandbox
     * collected them; empty before the run is stored or when it left no files.
     */
    public Map<String, String> outputKeys() {
        return outputKeys;
    }

    public Duration duration() {
        return duration;
    }

    /**
     * Why the run did not end normally: for {@link WorkflowStatus#ERROR} the error's kind, retryability and
     * message; for {@link WorkflowStatus#CANCELLED} a {@link WorkflowError.Kind#CANCELLED} error; for a run a
     * leading model ended without an answer, {@link WorkflowError.Kind#ROUNDS_EXHAUSTED}.
     */
    public Optional<WorkflowError> error() {
        return Optional.ofNullable(error);
    }

    /** The leading model's final answer, for workflows a model led ({@link AgentOrchestrator}). */
    public Optional<String> answer() {
        return Optional.ofNullable(answer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkflowResult r
                && runId.equals(r.runId)
                && task.equals(r.task)
                && status == r.status
                && attempts.equals(r.attempts)
                && usage.equals(r.usage)
                && modelCalls == r.modelCalls
                && Objects.equals(estimatedCostUsd, r.estimatedCostUsd)
                && records.equals(r.records)
                && outputKeys.equals(r.outputKeys)
                && duration.equals(r.duration)
                && Objects.equals(error, r.error)
                && Objects.equals(answer, r.answer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                runId,
                task,
                status,
                attempts,
                usage,
                modelCalls,
                estimatedCostUsd,
                records,
                outputKeys,
                duration,
                error,
                answer);
    }

    @Override
    public String toString() {
        return "WorkflowResult[" + runId + ", " + status + ", " + attempts.size() + " attempts, " + modelCalls
                + " model calls, " + usage.totalTokens() + " tokens]";
    }

    /**
     * Builder for {@link WorkflowResult}; not thread-safe. {@link #runId}, {@link #task} and {@link #status}
     * are required; counts default to zero and lists to empty.
     */
    public static final class Builder {
        private RunId runId;
        private Task task;
        private WorkflowStatus status;
        private final List<Attempt> attempts = new ArrayList<>();
        private TokenUsage usage = TokenUsage.ZERO;
        private int modelCalls;
        private BigDecimal estimatedCostUsd;
        private final List<String> records = new ArrayList<>();
        private final Map<String, String> outputKeys = new LinkedHashMap<>();
        private Duration duration = Duration.ZERO;
        private WorkflowError error;
        private String answer;

        private Builder() {}

        public Builder runId(RunId runId) {
            this.runId = Objects.requireNonNull(runId, "runId");
            return this;
        }

        public Builder task(Task task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        public Builder status(WorkflowStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /** Replaces the attempts, in order. */
        public Builder attempts(List<Attempt> list) {
            Objects.requireNonNull(list, "list");
            list.forEach(a -> Objects.requireNonNull(a, "attempt"));
            attempts.clear();
            attempts.addAll(list);
            return this;
        }

        public Builder usage(TokenUsage usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        public Builder modelCalls(int count) {
            if (count < 0) {
                throw new ConfigurationException("WorkflowResult.modelCalls must not be negative, was " + count);
            }
            this.modelCalls = count;
            return this;
        }

        /** The estimated cost (default: unknown). */
        public Builder estimatedCostUsd(BigDecimal cost) {
            this.estimatedCostUsd = Objects.requireNonNull(cost, "cost");
            return this;
        }

        /** Replaces the stored artifacts' keys. */
        public Builder records(List<String> keys) {
            Objects.requireNonNull(keys, "keys");
            keys.forEach(k -> Objects.requireNonNull(k, "key"));
            records.clear();
            records.addAll(keys);
            return this;
        }

        /** Replaces the output files' keys: path in the working directory to key in the store, in order. */
        public Builder outputKeys(Map<String, String> keys) {
            Objects.requireNonNull(keys, "keys");
            keys.forEach((path, key) -> {
                Objects.requireNonNull(path, "path");
                Objects.requireNonNull(key, "key");
            });
            outputKeys.clear();
            outputKeys.putAll(keys);
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = Objects.requireNonNull(duration, "duration");
            return this;
        }

        public Builder error(WorkflowError error) {
            this.error = Objects.requireNonNull(error, "error");
            return this;
        }

        /** The leading model's final answer. */
        public Builder answer(String answer) {
            this.answer = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /** @throws ConfigurationException naming a missing field */
        public WorkflowResult build() {
            if (runId == null) {
                throw new ConfigurationException("WorkflowResult needs the run's id: call .runId(…).");
            }
            if (task == null) {
                throw new ConfigurationException("WorkflowResult needs its task: call .task(…).");
            }
            if (status == null) {
                throw new ConfigurationException("WorkflowResult needs a status: call .status(…).");
            }
            if (status == WorkflowStatus.ERROR && error == null) {
                throw new ConfigurationException("WorkflowResult with status ERROR needs the error: call .error(…).");
            }
            return new WorkflowResult(this);
        }
    }
}
