/**
 * Machinery of {@link dev.agentic.bedrock.AgentCoreSandbox}: calls to the code-interpreter data plane,
 * service sessions, secret delivery and result mapping. Not API; never imported from another module.
 */
package dev.agentic.bedrock.internal.agentcore;
