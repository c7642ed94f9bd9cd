package dev.agentic.core;

import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.event.WorkflowListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a workflow as an {@link Orchestrator} receives it: the task, the conversation so far, listeners
 * for this run only, the run's id and an optional {@link CancellationToken}.
 *
 * <p>{@link Conversation#over(Orchestrator)} builds these with the earlier turns as {@link #history()}, so an
 * orchestrator written by a third party gets conversations by implementing {@link Orchestrator#run(WorkflowRequest)}
 * alone. Immutable and thread-safe; the listeners it holds are called on the run's thread.
 *
 * <pre>{@code
 * WorkflowResult result = orchestrator.run(WorkflowRequest.builder()
 *     .task(task)
 *     .runId(RunId.of(httpRequestId))
 *     .listener(event -> tab.send(event))
 *     .build());
 * }</pre>
 */
@Experimental
public final class WorkflowRequest {
    private final Task task;
    private final List<Turn> history;
    private final List<WorkflowListener> listeners;
    private final RunId runId;
    private final CancellationToken cancellation;

    private WorkflowRequest(Builder b) {
        this.task = b.task;
        this.history = List.copyOf(b.history);
        this.listeners = List.copyOf(b.listeners);
        this.runId = b.runId != null ? b.runId : RunId.random();
        this.cancellation = b.cancellation;
    }

    /** A request for {@code task} alone, with a new random run id. */
    public static WorkflowRequest of(Task task) {
        return builder().task(task).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values (including its run id: change it for a new run). */
    public Builder toBuilder() {
        Builder b = new Builder().task(task).history(history).runId(runId);
        listeners.forEach(b::listener);
        if (cancellation != null) {
            b.cancellation(cancellation);
        }
        return b;
    }

    public Task task() {
        return task;
    }

    /** Earlier finished turns of the conversation, oldest first; empty for a one-off task. */
    public List<Turn> history() {
        return history;
    }

    /** Listeners of this run only, called after the orchestrator's own listeners. */
    public List<WorkflowListener> listeners() {
        return listeners;
    }

    public RunId runId() {
        return runId;
    }

    /** The token that cancels this run, when the caller gave one. */
    public Optional<CancellationToken> cancellation() {
        return Optional.ofNullable(cancellation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkflowRequest r
                && task.equals(r.task)
                && history.equals(r.history)
                && listeners.equals(r.listeners)
                && runId.equals(r.runId)
                && Objects.equals(cancellation, r.cancellation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, history, listeners, runId, cancellation);
    }

    @Override
    public String toString() {
        return "WorkflowRequest[" + runId + ", " + history.size() + " earlier turn(s), " + listeners.size()
                + " listener(s)" + (cancellation == null ? "" : ", cancellable") + "]";
    }

    /** Builder for {@link WorkflowRequest}; not thread-safe. {@link #task} is required. */
    public static final class Builder {
        private Task task;
        private final List<Turn> history = new ArrayList<>();
        private final List<WorkflowListener> listeners = new ArrayList<>();
        private RunId runId;
        private CancellationToken cancellation;

        private Builder() {}

        /** The task to run (required). */
        public Builder task(Task task) {
            this.task = Objects.requireNonNull(task, "task");
            return this;
        }

        /** Replaces the conversation history: earlier finished turns, oldest first. */
        public Builder history(List<Turn> turns) {
            Objects.requireNonNull(turns, "turns");
            turns.forEach(t -> Objects.requireNonNull(t, "history element"));
            history.clear();
            history.addAll(turns);
            return this;
        }

        /** Adds a listener for this run's events only. */
        public Builder listener(WorkflowListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The run's id (default: a new {@link RunId#random()}). */
        public Builder runId(RunId runId) {
            this.runId = Objects.requireNonNull(runId, "runId");
            return this;
        }

        /** A token that cancels the run when cancelled (default: none, the run cannot be cancelled). */
        public Builder cancellation(CancellationToken token) {
            this.cancellation = Objects.requireNonNull(token, "token");
            return this;
        }

        /** @throws ConfigurationException when no task was given */
        public WorkflowRequest build() {
            if (task == null) {
                throw new ConfigurationException("WorkflowRequest needs a task: call .task(Task.of(\"…\")).");
            }
            return new WorkflowRequest(this);
        }
    }
}
