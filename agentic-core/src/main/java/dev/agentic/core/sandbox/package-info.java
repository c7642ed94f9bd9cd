/**
 * The sandbox SPI: {@link dev.agentic.core.sandbox.Sandbox}, the run request with its limits and network
 * policy, and the sealed {@link dev.agentic.core.sandbox.ExecutionResult}. Implementations live in other
 * modules ({@code agentic-sandbox} for local isolation).
 */
package dev.agentic.core.sandbox;
