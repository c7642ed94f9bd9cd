/**
 * The sandbox SPI: {@link dev.agentic.core.sandbox.Sandbox} with the
 * {@link dev.agentic.core.sandbox.SandboxCapabilities} it declares, the run request with its limits and
 * network policy, the sealed {@link dev.agentic.core.sandbox.ExecutionResult}, and stateful
 * {@link dev.agentic.core.sandbox.SandboxSession}s opened with {@link dev.agentic.core.sandbox.SessionOptions}.
 * Implementations live in other modules ({@code agentic-sandbox} for local isolation).
 */
package dev.agentic.core.sandbox;
