/**
 * Amazon Bedrock for Agentic: {@link dev.agentic.bedrock.BedrockChatModel} (Converse and ConverseStream, tool
 * use) and {@link dev.agentic.bedrock.BedrockModels} (the reference model ids, their prices and the default
 * fallback chain). The {@code bedrock:} model spec is registered for {@code ProviderLookup}.
 */
package dev.agentic.bedrock;
