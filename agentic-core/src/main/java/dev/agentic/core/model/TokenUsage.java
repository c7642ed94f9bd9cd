package dev.agentic.core.model;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;

/**
 * Tokens a model call consumed. Immutable.
 *
 * <p>Prompt caching is reported apart from ordinary input, as the model vendors report it: {@code inputTokens}
 * are the input tokens read without the cache, {@code cacheReadTokens} the input tokens served from a prompt
 * cache and {@code cacheWriteTokens} the input tokens written into one. {@link #totalTokens()} counts all four.
 *
 * @param inputTokens input tokens read (not from and not into a prompt cache)
 * @param outputTokens tokens written
 * @param cacheReadTokens input tokens read from a prompt cache
 * @param cacheWriteTokens input tokens written into a prompt cache
 */
@Stable
public record TokenUsage(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens) {
    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0);

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0 || cacheReadTokens < 0 || cacheWriteTokens < 0) {
            throw new ConfigurationException("token counts must not be negative, were input=" + inputTokens
                    + ", output=" + outputTokens + ", cacheRead=" + cacheReadTokens + ", cacheWrite="
                    + cacheWriteTokens);
        }
    }

    /** Usage without prompt caching. */
    public TokenUsage(long inputTokens, long outputTokens) {
        this(inputTokens, outputTokens, 0, 0);
    }

    /** Every token of the call: input, output, and cache reads and writes. */
    public long totalTokens() {
        return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
    }

    /** The sum of both usages, field by field. */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cacheReadTokens + other.cacheReadTokens,
                cacheWriteTokens + other.cacheWriteTokens);
    }
}
