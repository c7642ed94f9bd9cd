package dev.agentic.core.model;

import dev.agentic.core.annotation.Stable;

/**
 * Receives a streamed answer as it arrives. Called on the thread that runs the model call, in order; keep
 * callbacks short.
 */
@Stable
@FunctionalInterface
public interface StreamListener {

    /** A piece of text the model has written. */
    void onText(String delta);

    /** A complete tool call. */
    default void onToolUse(ContentBlock.ToolUse toolUse) {}

    /** The complete response, after the last delta. */
    default void onComplete(ChatResponse response) {}

    /**
     * One underlying model call finished, answered or failed. Reported by models that make several calls for
     * one request — {@link FallbackChatModel} reports every model it tried, in order — and by adapters that
     * know more about a call than its response says. A caller that hears no call for a request may take the
     * response's {@link ChatResponse#modelId()} and {@link ChatResponse#usage()} as the one call.
     */
    default void onModelCall(ModelCall call) {}

    /** A listener that ignores everything. */
    static StreamListener ignoring() {
        return delta -> {};
    }
}
