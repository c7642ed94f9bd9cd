/**
 * Progress of a workflow as typed {@link dev.agentic.core.event.WorkflowEvent}s for
 * {@link dev.agentic.core.event.WorkflowListener}s: logging, progress bars, metrics.
 */
package dev.agentic.core.event;
