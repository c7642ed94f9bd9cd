package dev.agentic.langchain4j;

import dev.agentic.core.model.ModelException;
import dev.agentic.testkit.openai.FakeOpenAiServer;
import dev.agentic.testkit.openai.OpenAiReply;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;

/** The real LangChain4j OpenAI clients pointed at a {@link FakeOpenAiServer}. */
final class FakeOpenAi {
    private FakeOpenAi() {}

    /** Sync and streaming clients for {@code model}, without LangChain4j's own retries. */
    static LangChain4jChatModel model(FakeOpenAiServer server, String model) {
        return LangChain4jChatModel.builder()
                .model(OpenAiChatModel.builder()
                        .baseUrl(server.baseUrl())
                        .apiKey("sk-test-fake")
                        .modelName(model)
                        .maxRetries(0)
                        .timeout(Duration.ofSeconds(30))
                        .build())
                .streamingModel(OpenAiStreamingChatModel.builder()
                        .baseUrl(server.baseUrl())
                        .apiKey("sk-test-fake")
                        .modelName(model)
                        .timeout(Duration.ofSeconds(30))
                        .build())
                .build();
    }

    /** The HTTP error an OpenAI-compatible server answers for a failure of {@code kind}. */
    static OpenAiReply failure(ModelException.Kind kind) {
        switch (kind) {
            case THROTTLED:
                return OpenAiReply.error(429, "rate_limit_exceeded", "Rate limit reached for requests");
            case UNAVAILABLE:
                return OpenAiReply.error(503, "overloaded", "The server is overloaded");
            case TIMEOUT:
                return OpenAiReply.error(408, "timeout", "Request timed out");
            case SERVER_ERROR:
                return OpenAiReply.error(500, "server_error", "The server had an error");
            case INVALID_REQUEST:
                return OpenAiReply.error(400, "invalid_value", "Invalid value for 'temperature'");
            case ACCESS_DENIED:
                return OpenAiReply.error(401, "invalid_api_key", "Incorrect API key provided");
            case CONTEXT_TOO_LONG:
                return OpenAiReply.error(
                        400,
                        "context_length_exceeded",
                        "This model's maximum context length is 128000 tokens. However, your messages resulted in "
                                + "130000 tokens.");
            case CONTENT_FILTERED:
                return OpenAiReply.error(
                        400, "content_filter", "The response was filtered due to the prompt triggering content_filter");
            case MODEL_NOT_FOUND:
                return OpenAiReply.error(404, "model_not_found", "The model does not exist");
            default:
                throw new IllegalArgumentException("no HTTP error stands for " + kind);
        }
    }
}
