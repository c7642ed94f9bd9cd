package dev.agentic.core.model;

import dev.agentic.core.ConfigurationException;

/**
 * Tokens a model call consumed.
 *
 * @param inputTokens tokens read
 * @param outputTokens tokens written
 */
public record TokenUsage(long inputTokens, long outputTokens) {
    public static final TokenUsage ZERO = new TokenUsage(0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new ConfigurationException("token counts must not be negative");
        }
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
    }
}
