package dev.agentic.langchain4j.internal;

import dev.agentic.core.model.ChatModel;
import dev.agentic.langchain4j.LangChain4jChatModel;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import java.util.Optional;

/** Builds the Anthropic models; loaded only once {@code langchain4j-anthropic} is known to be present. */
final class AnthropicModels {
    private AnthropicModels() {}

    static ChatModel create(String name, String apiUrl, String key) {
        return LangChain4jChatModel.builder()
                .id(name)
                .model(AnthropicChatModel.builder()
                        .baseUrl(apiUrl)
                        .apiKey(key)
                        .modelName(name)
                        .build())
                .streamingModel(AnthropicStreamingChatModel.builder()
                        .baseUrl(apiUrl)
                        .apiKey(key)
                        .modelName(name)
                        .build())
                .redacting(ApiKeys.redactable(Optional.of(key)))
                .build();
    }
}
