/**
 * The Agentic for Java API: a {@link dev.agentic.core.Task} goes to an {@link dev.agentic.core.Orchestrator},
 * whose {@link dev.agentic.core.Generator} writes code that an {@link dev.agentic.core.Executor} validates
 * and runs in a sandbox, repairing from feedback up to a number of attempts.
 */
package dev.agentic.core;
