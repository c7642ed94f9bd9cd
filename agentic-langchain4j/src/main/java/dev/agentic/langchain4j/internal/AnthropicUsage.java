package dev.agentic.langchain4j.internal;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Reads the prompt-cache counts of {@code langchain4j-anthropic}'s usage type. That module is optional: this
 * class is touched only after the caller has checked the usage's class name.
 */
final class AnthropicUsage {
    private AnthropicUsage() {}

    static long cacheRead(TokenUsage usage) {
        return Conversions.count(((AnthropicTokenUsage) usage).cacheReadInputTokens());
    }

    static long cacheWrite(TokenUsage usage) {
        return Conversions.count(((AnthropicTokenUsage) usage).cacheCreationInputTokens());
    }
}
