package dev.agentic.core.internal;

import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.event.WorkflowListener;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one run's events to the orchestrator's listeners, then the run's own, in order and one event at a
 * time (streamed text may come from a model-call thread). A failing listener is logged and skipped. After the
 * run's last event, {@link #close()} drops anything late (an abandoned model call still streaming). Thread-safe.
 */
final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<WorkflowListener> listeners;
    private boolean closed;

    EventDispatcher(List<WorkflowListener> orchestratorListeners, List<WorkflowListener> runListeners) {
        List<WorkflowListener> all = new ArrayList<>(orchestratorListeners);
        all.addAll(runListeners);
        this.listeners = List.copyOf(all);
    }

    synchronized void emit(WorkflowEvent event) {
        if (closed) {
            return;
        }
        for (WorkflowListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Workflow listener {} failed on {} of run {}; continuing",
                        l,
                        event.getClass().getSimpleName(),
                        event.runId(),
                        e);
            }
        }
    }

    /** Delivers {@code last} and drops every later event. */
    synchronized void emitLast(WorkflowEvent last) {
        emit(last);
        closed = true;
    }
}
