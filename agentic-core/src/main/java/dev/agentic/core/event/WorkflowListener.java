package dev.agentic.core.event;

import dev.agentic.core.annotation.Stable;

/**
 * Receives {@link WorkflowEvent}s. The events of one run are delivered in order and never concurrently —
 * on the thread running the workflow, or for streamed model text on the thread of the model call — so keep
 * {@link #onEvent} quick or hand work off. A listener given to an orchestrator hears every run; one given in
 * a {@link dev.agentic.core.WorkflowRequest} hears that run only. An exception thrown by a listener is logged
 * and does not stop the workflow.
 */
@Stable
@FunctionalInterface
public interface WorkflowListener {

    void onEvent(WorkflowEvent event);
}
