/**
 * Runnable scenarios, one per file, each read top to bottom: {@code Quickstart}, {@code CustomModelProvider},
 * {@code ValidateOnly}, {@code FollowUpTasks}. Each has a {@code main} and is run by a test.
 */
package dev.agentic.examples.scenarios;
