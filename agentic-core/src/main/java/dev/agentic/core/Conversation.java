package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.internal.HistoryConversation;
import java.util.List;
import java.util.Objects;

/**
 * A sequence of related tasks: each follow-up is generated with the earlier tasks and their final code in
 * view, so "now also set her email" refines the previous program.
 *
 * <p>Not thread-safe: run one task at a time. Holds no resources.
 */
@Stable
public interface Conversation {

    /** Runs {@code task} with the earlier turns as context; a successful run becomes a new turn. */
    WorkflowResult run(Task task);

    /**
     * Runs {@code request} (its history replaced by this conversation's turns); a successful run becomes a new
     * turn. Use it to give a follow-up its own listeners, run id or cancellation token.
     */
    WorkflowResult run(WorkflowRequest request);

    /**
     * Runs a follow-up described in words, with the same integration, language, secrets, network, limits
     * and files as the previous task.
     *
     * @throws ConfigurationException when there is no previous task to follow up
     */
    WorkflowResult followUp(String description);

    /** The successful turns so far, oldest first. */
    List<Turn> turns();

    /**
     * A conversation over any orchestrator: each task runs through {@link Orchestrator#run(WorkflowRequest)}
     * with the successful turns so far as {@link WorkflowRequest#history()}.
     */
    static Conversation over(Orchestrator orchestrator) {
        Objects.requireNonNull(orchestrator, "orchestrator");
        return new HistoryConversation(orchestrator::run);
    }
}
