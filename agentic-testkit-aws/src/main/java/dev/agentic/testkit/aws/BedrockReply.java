package dev.agentic.testkit.aws;

import dev.agentic.core.annotation.Experimental;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link FakeBedrockServer} answers to one Converse or ConverseStream call: text, a tool call, an HTTP
 * error, an exception inside the stream, or a stream cut short; optionally after a delay. Immutable; the
 * {@code with…} methods return changed copies.
 *
 * <pre>{@code
 * BedrockReply.text("Hello").withUsage(10, 3, 0, 0);
 * BedrockReply.error(429, "ThrottlingException", "Too many requests");
 * BedrockReply.streamException("throttlingException", "slow down").afterText("Hel");
 * BedrockReply.truncated("Hel");
 * }</pre>
 */
@Experimental
public final class BedrockReply {
    /** The kind of reply. */
    public enum Kind {
        TEXT,
        TOOL_USE,
        HTTP_ERROR,
        STREAM_EXCEPTION,
        TRUNCATED
    }

    private final Kind kind;
    private final String text;
    private final String toolUseId;
    private final String toolName;
    private final String errorCode;
    private final int status;
    private final String stopReason;
    private final long[] usage;
    private final int chunkSize;
    private final Duration delay;
    private final boolean typeInBody;

    private BedrockReply(
            Kind kind,
            String text,
            String toolUseId,
            String toolName,
            String errorCode,
            int status,
            String stopReason,
            long[] usage,
            int chunkSize,
            Duration delay,
            boolean typeInBody) {
        this.kind = kind;
        this.text = text;
        this.toolUseId = toolUseId;
        this.toolName = toolName;
        this.errorCode = errorCode;
        this.status = status;
        this.stopReason = stopReason;
        this.usage = usage;
        this.chunkSize = chunkSize;
        this.delay = delay;
        this.typeInBody = typeInBody;
    }

    private static BedrockReply of(Kind kind, String text, String stopReason) {
        return new BedrockReply(kind, text, null, null, null, 200, stopReason, null, 4, Duration.ZERO, false);
    }

    /** Answers {@code text} and ends the turn ({@code end_turn}). */
    public static BedrockReply text(String text) {
        return of(Kind.TEXT, Objects.requireNonNull(text, "text"), "end_turn");
    }

    /** Calls tool {@code name} with the arguments {@code inputJson} (a JSON object) and stops for its result. */
    public static BedrockReply toolUse(String toolUseId, String name, String inputJson) {
        BedrockReply r = of(Kind.TOOL_USE, Objects.requireNonNull(inputJson, "inputJson"), "tool_use");
        return new BedrockReply(
                r.kind,
                r.text,
                Objects.requireNonNull(toolUseId, "toolUseId"),
                Objects.requireNonNull(name, "name"),
                null,
                200,
                r.stopReason,
                null,
                r.chunkSize,
                r.delay,
                false);
    }

    /**
     * An HTTP error as Bedrock sends it: status {@code status}, header {@code x-amzn-ErrorType: CODE:…} and a
     * body {@code {"message": …}}; {@code code} may be null for an error without a type.
     */
    public static BedrockReply error(int status, String code, String message) {
        return new BedrockReply(
                Kind.HTTP_ERROR, message, null, null, code, status, null, null, 4, Duration.ZERO, false);
    }

    /**
     * A modeled exception inside a ConverseStream ({@code :message-type exception}), named by its member, e.g.
     * {@code throttlingException}, {@code modelStreamErrorException}; sent after {@link #afterText} (default
     * none). A Converse call gets the matching HTTP error instead.
     */
    public static BedrockReply streamException(String member, String message) {
        return new BedrockReply(
                Kind.STREAM_EXCEPTION,
                "",
                null,
                message,
                Objects.requireNonNull(member, "member"),
                statusOf(member),
                null,
                null,
                4,
                Duration.ZERO,
                false);
    }

    /** A stream that sends {@code partialText} and ends without {@code messageStop} and metadata. */
    public static BedrockReply truncated(String partialText) {
        return of(Kind.TRUNCATED, Objects.requireNonNull(partialText, "partialText"), null);
    }

    /** For a stream exception: the text streamed before it. */
    public BedrockReply afterText(String before) {
        return new BedrockReply(
                kind, before, toolUseId, toolName, errorCode, status, stopReason, usage, chunkSize, delay, typeInBody);
    }

    /** For an HTTP error: the code in the body's {@code __type} instead of the header. */
    public BedrockReply withTypeInBody() {
        return new BedrockReply(
                kind, text, toolUseId, toolName, errorCode, status, stopReason, usage, chunkSize, delay, true);
    }

    /** The stop reason sent, e.g. {@code max_tokens}. */
    public BedrockReply withStopReason(String reason) {
        return new BedrockReply(
                kind, text, toolUseId, toolName, errorCode, status, reason, usage, chunkSize, delay, typeInBody);
    }

    /** The token usage sent (default: estimated from the request and answer sizes). */
    public BedrockReply withUsage(long input, long output, long cacheRead, long cacheWrite) {
        return new BedrockReply(
                kind,
                text,
                toolUseId,
                toolName,
                errorCode,
                status,
                stopReason,
                new long[] {input, output, cacheRead, cacheWrite},
                chunkSize,
                delay,
                typeInBody);
    }

    /** Characters (code points) per streamed delta; default 4. */
    public BedrockReply withChunkSize(int codePoints) {
        if (codePoints < 1) {
            throw new IllegalArgumentException("chunkSize must be positive, was " + codePoints);
        }
        return new BedrockReply(
                kind, text, toolUseId, toolName, errorCode, status, stopReason, usage, codePoints, delay, typeInBody);
    }

    /** Waits {@code delay} before answering. */
    public BedrockReply delayedBy(Duration delay) {
        return new BedrockReply(
                kind,
                text,
                toolUseId,
                toolName,
                errorCode,
                status,
                stopReason,
                usage,
                chunkSize,
                Objects.requireNonNull(delay, "delay"),
                typeInBody);
    }

    public Kind kind() {
        return kind;
    }

    /** The answer's text, the tool call's input JSON, the error's message, or the text before a fault. */
    String text() {
        return text;
    }

    Optional<String> toolUseId() {
        return kind == Kind.TOOL_USE ? Optional.of(toolUseId) : Optional.empty();
    }

    /** The tool's name for a tool call, the message for a stream exception. */
    String toolNameOrMessage() {
        return toolName;
    }

    /** The AWS error code or stream exception member. */
    Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    int status() {
        return status;
    }

    Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /** Input, output, cache-read and cache-write tokens, when set. */
    Optional<long[]> usage() {
        return usage == null ? Optional.empty() : Optional.of(usage.clone());
    }

    int chunkSize() {
        return chunkSize;
    }

    Duration delay() {
        return delay;
    }

    boolean typeInBody() {
        return typeInBody;
    }

    @Override
    public String toString() {
        return "BedrockReply[" + kind + (errorCode == null ? "" : " " + errorCode) + "]";
    }

    private static int statusOf(String member) {
        switch (member) {
            case "throttlingException":
                return 429;
            case "validationException":
                return 400;
            case "serviceUnavailableException":
                return 503;
            case "modelStreamErrorException":
                return 424;
            default:
                return 500;
        }
    }
}
