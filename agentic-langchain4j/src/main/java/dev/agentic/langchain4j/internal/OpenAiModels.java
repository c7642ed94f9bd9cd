package dev.agentic.langchain4j.internal;

import dev.agentic.core.model.ChatModel;
import dev.agentic.langchain4j.LangChain4jChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.Optional;

/** Builds the OpenAI models; loaded only once {@code langchain4j-open-ai} is known to be present. */
final class OpenAiModels {
    /** Sent to servers that take no key (Ollama, vLLM…), which ignore it; never a real credential. */
    private static final String NO_KEY = "no-key";

    private OpenAiModels() {}

    static ChatModel create(String name, String baseUrl, Optional<String> key, Optional<String> organization) {
        OpenAiChatModel.OpenAiChatModelBuilder sync = OpenAiChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(key.orElse(NO_KEY))
                .modelName(name);
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder streaming = OpenAiStreamingChatModel.builder()
                .baseUrl(baseUrl)
                .apiKey(key.orElse(NO_KEY))
                .modelName(name);
        organization.ifPresent(org -> {
            sync.organizationId(org);
            streaming.organizationId(org);
        });
        return LangChain4jChatModel.builder()
                .id(name)
                .model(sync.build())
                .streamingModel(streaming.build())
                .redacting(ApiKeys.redactable(key))
                .build();
    }
}
