/**
 * The machinery behind {@link dev.agentic.bedrock.BedrockChatModel}: mapping our requests and responses to the
 * Converse API, assembling ConverseStream events, mapping AWS errors to model failures, and the
 * {@code bedrock:} chat model provider. Not API; may change without notice.
 */
package dev.agentic.bedrock.internal;
