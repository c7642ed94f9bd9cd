/**
 * Reading stored execution records back: {@link dev.agentic.core.record.ExecutionRecord#read(byte[])} turns the
 * JSON document an orchestrator stores for every run into typed values, for tools that list, show or compare
 * runs (the CLI, the web app, a host's own dashboards).
 */
package dev.agentic.core.record;
