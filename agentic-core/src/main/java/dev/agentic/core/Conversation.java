package dev.agentic.core;

import java.util.List;

/**
 * A sequence of related tasks: each follow-up is generated with the earlier tasks and their final code in
 * view, so "now also set her email" refines the previous program.
 *
 * <p>Not thread-safe: run one task at a time. Holds no resources.
 */
public interface Conversation {

    /** Runs {@code task} with the earlier turns as context; a successful run becomes a new turn. */
    WorkflowResult run(Task task);

    /**
     * Runs a follow-up described in words, with the same integration, language, secrets, network, limits
     * and files as the previous task.
     *
     * @throws ConfigurationException when there is no previous task to follow up
     */
    WorkflowResult followUp(String description);

    /** The successful turns so far, oldest first. */
    List<Turn> turns();
}
