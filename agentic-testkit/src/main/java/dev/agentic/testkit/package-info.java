/**
 * Test support for hosts of the SDK: {@link dev.agentic.testkit.ScriptedChatModel}, a deterministic chat
 * model that answers from a script and records every request. Contract suites every implementation runs
 * live in {@code dev.agentic.testkit.contract}.
 */
package dev.agentic.testkit;
