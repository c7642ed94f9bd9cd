package dev.agentic.core.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Conversation;
import dev.agentic.core.Task;
import dev.agentic.core.Turn;
import dev.agentic.core.WorkflowRequest;
import dev.agentic.core.WorkflowResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@link Conversation} behind {@link Conversation#over}: runs each task with the successful turns so far
 * as history. Not thread-safe, like every conversation.
 */
public final class HistoryConversation implements Conversation {
    /** Longest stdout kept in a turn. */
    static final int TURN_OUTPUT_CHARS = 2000;

    private final Function<WorkflowRequest, WorkflowResult> runner;
    private final List<Turn> turns = new ArrayList<>();
    private Task last;

    /** @param runner runs a request (whose history this conversation sets) and returns its result */
    public HistoryConversation(Function<WorkflowRequest, WorkflowResult> runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Override
    public WorkflowResult run(Task task) {
        Objects.requireNonNull(task, "task");
        return run(WorkflowRequest.of(task));
    }

    @Override
    public WorkflowResult run(WorkflowRequest request) {
        Objects.requireNonNull(request, "request");
        WorkflowResult result = runner.apply(request.toBuilder().history(turns).build());
        last = request.task();
        if (result.succeeded() && result.finalCode().isPresent()) {
            String out = result.finalResult()
                    .map(r -> r.output().stdoutTail(TURN_OUTPUT_CHARS))
                    .orElse("");
            turns.add(new Turn(request.task(), result.finalCode().get(), out));
        }
        return result;
    }

    @Override
    public WorkflowResult followUp(String description) {
        if (last == null) {
            throw new ConfigurationException(
                    "followUp needs an earlier task in this conversation; " + "start it with run(Task).");
        }
        return run(last.toBuilder().description(description).build());
    }

    @Override
    public List<Turn> turns() {
        return List.copyOf(turns);
    }
}
