/**
 * Implementation of the core defaults (orchestrator, executor, records). Not API: may change without notice.
 */
package dev.agentic.core.internal;
