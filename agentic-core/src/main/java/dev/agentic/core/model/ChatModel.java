package dev.agentic.core.model;

import dev.agentic.core.annotation.Stable;

/**
 * A large language model behind a request/response API.
 *
 * <p>Implementations are thread-safe. A model obtained from a client factory is closed by closing that
 * factory; the interface itself holds no resources. Failures are {@link ModelException}s with a
 * {@link ModelException.Kind} that says whether trying again (or another model) may help.
 */
@Stable
public interface ChatModel {

    /** Identifier of the configured model, e.g. {@code anthropic.claude-3-7-sonnet-20250219-v1:0}. */
    String id();

    /**
     * Sends {@code request} and waits for the whole answer.
     *
     * @throws ModelException when the model cannot answer
     */
    ChatResponse chat(ChatRequest request);

    /**
     * Sends {@code request} and reports the answer to {@code listener} as it streams. The default
     * implementation calls {@link #chat} and reports the whole text as one delta.
     *
     * @throws ModelException when the model cannot answer
     */
    default ChatResponse chat(ChatRequest request, StreamListener listener) {
        ChatResponse response = chat(request);
        String text = response.text();
        if (!text.isEmpty()) {
            listener.onText(text);
        }
        response.toolUses().forEach(listener::onToolUse);
        listener.onComplete(response);
        return response;
    }
}
