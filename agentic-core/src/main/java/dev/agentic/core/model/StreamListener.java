package dev.agentic.core.model;

/**
 * Receives a streamed answer as it arrives. Called on the thread that runs the model call, in order; keep
 * callbacks short.
 */
@FunctionalInterface
public interface StreamListener {

    /** A piece of text the model has written. */
    void onText(String delta);

    /** A complete tool call. */
    default void onToolUse(ContentBlock.ToolUse toolUse) {
    }

    /** The complete response, after the last delta. */
    default void onComplete(ChatResponse response) {
    }

    /** A listener that ignores everything. */
    static StreamListener ignoring() {
        return delta -> { };
    }
}
