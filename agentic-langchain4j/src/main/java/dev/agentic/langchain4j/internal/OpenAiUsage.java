package dev.agentic.langchain4j.internal;

import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Reads the cached prompt tokens of {@code langchain4j-open-ai}'s usage type. That module is optional: this class
 * is touched only after the caller has checked the usage's class name.
 */
final class OpenAiUsage {
    private OpenAiUsage() {}

    static long cachedTokens(TokenUsage usage) {
        OpenAiTokenUsage openAi = (OpenAiTokenUsage) usage;
        return openAi.inputTokensDetails() == null
                ? 0
                : Conversions.count(openAi.inputTokensDetails().cachedTokens());
    }
}
