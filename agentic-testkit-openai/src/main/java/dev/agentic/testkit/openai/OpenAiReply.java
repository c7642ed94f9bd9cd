package dev.agentic.testkit.openai;

import dev.agentic.core.annotation.Experimental;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link FakeOpenAiServer} answers to one chat completions call: text, tool calls, or an HTTP error.
 * Immutable; the {@code with…} methods return changed copies.
 *
 * <pre>{@code
 * OpenAiReply.text("Hello").withUsage(12, 3).withChunkSize(2)
 * OpenAiReply.toolCall("call_1", "execute_code", "{\"code\":\"print(1)\"}")
 * OpenAiReply.error(429, "rate_limit_exceeded", "Rate limit reached")
 * }</pre>
 */
@Experimental
public final class OpenAiReply {
    /** One tool call of an answer. */
    public record ToolCall(String id, String name, String argumentsJson) {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(argumentsJson, "argumentsJson");
        }
    }

    private final String text;
    private final List<ToolCall> toolCalls;
    private final int status;
    private final String errorCode;
    private final String finishReason;
    private final String model;
    private final long promptTokens;
    private final long completionTokens;
    private final long cachedTokens;
    private final int chunkSize;
    private final Duration delay;

    private OpenAiReply(
            String text,
            List<ToolCall> toolCalls,
            int status,
            String errorCode,
            String finishReason,
            String model,
            long promptTokens,
            long completionTokens,
            long cachedTokens,
            int chunkSize,
            Duration delay) {
        this.text = text;
        this.toolCalls = List.copyOf(toolCalls);
        this.status = status;
        this.errorCode = errorCode;
        this.finishReason = finishReason;
        this.model = model;
        this.promptTokens = promptTokens;
        this.completionTokens = completionTokens;
        this.cachedTokens = cachedTokens;
        this.chunkSize = chunkSize;
        this.delay = delay;
    }

    /** An answer of {@code text} that ends its turn ({@code finish_reason: stop}). */
    public static OpenAiReply text(String text) {
        Objects.requireNonNull(text, "text");
        long out = Math.max(1, text.codePointCount(0, text.length()) / 4);
        return new OpenAiReply(text, List.of(), 200, "", "stop", null, -1, out, 0, 4, Duration.ZERO);
    }

    /** An answer that calls one tool ({@code finish_reason: tool_calls}); the arguments are a JSON object text. */
    public static OpenAiReply toolCall(String id, String name, String argumentsJson) {
        return new OpenAiReply(
                "",
                List.of(new ToolCall(id, name, argumentsJson)),
                200,
                "",
                "tool_calls",
                null,
                -1,
                8,
                0,
                4,
                Duration.ZERO);
    }

    /**
     * An HTTP error with OpenAI's error body {@code {"error":{"message","type","code"}}}: for example 429
     * {@code rate_limit_exceeded}, 400 {@code context_length_exceeded}, 401 {@code invalid_api_key}, 500.
     */
    public static OpenAiReply error(int status, String code, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error reply needs a 4xx or 5xx status, was " + status);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        return new OpenAiReply(message, List.of(), status, code, "", null, 0, 0, 0, 4, Duration.ZERO);
    }

    /** A copy that also calls {@code name} with {@code argumentsJson} after the calls it has. */
    public OpenAiReply andToolCall(String id, String name, String argumentsJson) {
        List<ToolCall> calls = new ArrayList<>(toolCalls);
        calls.add(new ToolCall(id, name, argumentsJson));
        return new OpenAiReply(
                text,
                calls,
                status,
                errorCode,
                "tool_calls",
                model,
                promptTokens,
                completionTokens,
                cachedTokens,
                chunkSize,
                delay);
    }

    /** A copy reporting these token counts (default: prompt from the request's size, completion from the text's). */
    public OpenAiReply withUsage(long prompt, long completion, long cached) {
        return new OpenAiReply(
                text, toolCalls, status, errorCode, finishReason, model, prompt, completion, cached, chunkSize, delay);
    }

    /** A copy whose {@code finish_reason} is {@code reason} ({@code stop}, {@code length}, {@code content_filter}…). */
    public OpenAiReply withFinishReason(String reason) {
        return new OpenAiReply(
                text,
                toolCalls,
                status,
                errorCode,
                Objects.requireNonNull(reason, "reason"),
                model,
                promptTokens,
                completionTokens,
                cachedTokens,
                chunkSize,
                delay);
    }

    /** A copy naming {@code name} as the answering model (default: the model the request named). */
    public OpenAiReply withModel(String name) {
        return new OpenAiReply(
                text,
                toolCalls,
                status,
                errorCode,
                finishReason,
                Objects.requireNonNull(name, "name"),
                promptTokens,
                completionTokens,
                cachedTokens,
                chunkSize,
                delay);
    }

    /** A copy streamed in deltas of {@code codePoints} code points (default 4). */
    public OpenAiReply withChunkSize(int codePoints) {
        if (codePoints < 1) {
            throw new IllegalArgumentException("chunk size must be positive, was " + codePoints);
        }
        return new OpenAiReply(
                text,
                toolCalls,
                status,
                errorCode,
                finishReason,
                model,
                promptTokens,
                completionTokens,
                cachedTokens,
                codePoints,
                delay);
    }

    /** A copy answered only after {@code delay} (to test client timeouts). */
    public OpenAiReply delayedBy(Duration delay) {
        return new OpenAiReply(
                text,
                toolCalls,
                status,
                errorCode,
                finishReason,
                model,
                promptTokens,
                completionTokens,
                cachedTokens,
                chunkSize,
                Objects.requireNonNull(delay, "delay"));
    }

    /** The answer's text (the error message for an error). */
    public String text() {
        return text;
    }

    public List<ToolCall> toolCalls() {
        return toolCalls;
    }

    /** The HTTP status: 200, or the error's. */
    public int status() {
        return status;
    }

    public boolean isError() {
        return status != 200;
    }

    /** The error's {@code code}; empty string for an answer. */
    public String errorCode() {
        return errorCode;
    }

    public String finishReason() {
        return finishReason;
    }

    /** The answering model's name when it differs from the request's. */
    public Optional<String> model() {
        return Optional.ofNullable(model);
    }

    /** Prompt tokens to report; negative means "estimate from the request". */
    public long promptTokens() {
        return promptTokens;
    }

    public long completionTokens() {
        return completionTokens;
    }

    public long cachedTokens() {
        return cachedTokens;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        return isError()
                ? "OpenAiReply[error " + status + " " + errorCode + "]"
                : "OpenAiReply[" + text.length() + " chars, " + toolCalls.size() + " tool calls]";
    }
}
