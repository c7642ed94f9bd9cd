package dev.agentic.core.internal;

import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.event.WorkflowListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to listeners in order; a failing listener is logged and skipped. Thread-safe. */
final class EventDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<WorkflowListener> listeners;

    EventDispatcher(List<WorkflowListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void emit(WorkflowEvent event) {
        for (WorkflowListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("Workflow listener {} failed on {}; continuing", l, event.getClass().getSimpleName(), e);
            }
        }
    }
}
