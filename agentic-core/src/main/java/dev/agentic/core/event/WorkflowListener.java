package dev.agentic.core.event;

/**
 * Receives {@link WorkflowEvent}s. Called synchronously on the thread running the workflow, in order;
 * keep it quick or hand work off. An exception thrown by a listener is logged and does not stop the
 * workflow.
 */
@FunctionalInterface
public interface WorkflowListener {

    void onEvent(WorkflowEvent event);
}
