package dev.agentic.bedrock.internal;

import dev.agentic.bedrock.BedrockChatModel;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.StreamListener;

/** A fallback chain of Bedrock models that closes the clients they share when it is closed. Thread-safe. */
final class ClosingChain implements ChatModel, AutoCloseable {
    private final ChatModel chain;
    private final BedrockChatModel owner;

    ClosingChain(ChatModel chain, BedrockChatModel owner) {
        this.chain = chain;
        this.owner = owner;
    }

    @Override
    public String id() {
        return chain.id();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return chain.chat(request);
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        return chain.chat(request, listener);
    }

    @Override
    public void close() {
        owner.close();
    }
}
