/**
 * Fakes for testing hosts of the SDK offline, with no JUnit dependency: {@link dev.agentic.fakes.ScriptedChatModel},
 * a deterministic chat model that answers from a script and records every request, and
 * {@link dev.agentic.fakes.ScriptedSandbox}, a sandbox that runs nothing, answers runs and session runs from a
 * script and records them (not a security boundary). The contract suites every implementation runs live in
 * {@code agentic-testkit} ({@code dev.agentic.testkit.contract}).
 */
package dev.agentic.fakes;
