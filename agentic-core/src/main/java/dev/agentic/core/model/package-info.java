/**
 * Chat models: the {@link dev.agentic.core.model.ChatModel} contract, its request and response values with
 * content blocks and tool use, streaming, typed {@link dev.agentic.core.model.ModelException}s, and the
 * {@link dev.agentic.core.model.FallbackChatModel} chain.
 */
package dev.agentic.core.model;
