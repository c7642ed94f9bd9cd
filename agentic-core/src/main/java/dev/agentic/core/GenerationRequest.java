package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.model.StreamListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Generator} is asked for: the task, earlier turns of the conversation, and — when this is a
 * repair — the feedback on the previous attempt; with the run it belongs to and a listener for the answer
 * as it streams. Immutable and thread-safe.
 *
 * <pre>{@code
 * GenerationRequest request = GenerationRequest.builder()
 *     .task(task)
 *     .attempt(2)
 *     .feedback(new Feedback.RunFailed(previousCode, result))
 *     .build();
 * }</pre>
 */
@Stable
public final class GenerationRequest {
    private final Task task;
    private final List<Turn> history;
    private final Feedback feedback;
    private final int attempt;
    private final StreamListener listener;
    private final RunId runId;

    private GenerationRequest(Builder b) {
        this.task = b.task;
        this.history = List.copyOf(b.history);
        this.feedback = b.feedback;
        this.attempt = b.attempt;
        this.listener = b.listener;
        this.runId = b.runId != null ? b.runId : RunId.random();
    }

    /** A first attempt with no history and no streaming, in a new run. */
    public static GenerationRequest first(Task task) {
        return builder().task(task).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder()
                .task(task)
                .history(history)
                .attempt(attempt)
                .listener(listener)
                .runId(runId);
        b.feedback = feedback;
        return b;
    }

    /** The task to write a program for. */
    public Task task() {
        return task;
    }

    /** Earlier finished turns, oldest first (empty for a one-off task). */
    public List<Turn> history() {
        return history;
    }

    /** Why the previous attempt failed; empty for a first attempt. */
    public Optional<Feedback> feedback() {
        return Optional.ofNullable(feedback);
    }

    /** Same as {@link #feedback()}: present when this request is a repair. */
    public Optional<Feedback> repair() {
        return feedback();
    }

    /** 1-based attempt number within the run. */
    public int attempt() {
        return attempt;
    }

    /** Receives the model's answer as it streams, and each model call. */
    public StreamListener listener() {
        return listener;
    }

    /** The workflow run this generation belongs to. */
    public RunId runId() {
        return runId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GenerationRequest r
                && task.equals(r.task)
                && history.equals(r.history)
                && Objects.equals(feedback, r.feedback)
                && attempt == r.attempt
                && listener.equals(r.listener)
                && runId.equals(r.runId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, history, feedback, attempt, listener, runId);
    }

    @Override
    public String toString() {
        return "GenerationRequest[" + runId + ", attempt " + attempt + (feedback == null ? "" : ", repair") + ", "
                + history.size() + " earlier turn(s)]";
    }

    /** Builder for {@link GenerationRequest}; not thread-safe. {@link #task} is required. */
    public static final class Builder {
        private Task task;
        private final List<Turn> history = new ArrayList<>();
        private Feedback feedback;
        private int attempt = 1;
        private StreamListener listener = StreamListener.ignoring();
        private RunId runId;

        private Builder() {}

        /** The task (required). */
        public Builder task(Task task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        /** Replaces the earlier turns (default none). */
        public Builder history(List<Turn> turns) {
            Objects.requireNonNull(turns, "turns");
            turns.forEach(t -> Objects.requireNonNull(t, "history element"));
            history.clear();
            history.addAll(turns);
            return this;
        }

        /** The feedback on the previous attempt, making this a repair (default: a first attempt). */
        public Builder feedback(Feedback feedback) {
            this.feedback = Objects.requireNonNull(feedback, "feedback");
            return this;
        }

        /** 1-based attempt number (default 1). */
        public Builder attempt(int attempt) {
            if (attempt < 1) {
                throw new ConfigurationException("GenerationRequest.attempt must be 1 or more, was " + attempt);
            }
            this.attempt = attempt;
            return this;
        }

        /** Receives the answer as it streams (default: ignores it). */
        public Builder listener(StreamListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The run this generation belongs to (default: a new random id). */
        public Builder runId(RunId runId) {
            this.runId = Objects.requireNonNull(runId, "runId");
            return this;
        }

        /** @throws ConfigurationException when no task was given */
        public GenerationRequest build() {
            if (task == null) {
                throw new ConfigurationException("GenerationRequest needs a task: call .task(…).");
            }
            return new GenerationRequest(this);
        }
    }
}
