package dev.agentic.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.FallbackChatModel;
import dev.agentic.core.model.ModelCall;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.StreamListener;
import dev.agentic.testkit.openai.FakeOpenAiServer;
import dev.agentic.testkit.openai.OpenAiReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FallbackChatModel} over two {@link LangChain4jChatModel}s on LangChain4j's real OpenAI clients: the
 * vendor's 429 becomes {@code THROTTLED}, which moves the call to the second model; a non-retryable kind does
 * not.
 */
class FallbackAcrossOpenAiCompatibleModelsTest {
    private final FakeOpenAiServer primary = FakeOpenAiServer.start();
    private final FakeOpenAiServer secondary = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        primary.close();
        secondary.close();
    }

    private ChatModel chain() {
        return FallbackChatModel.builder()
                .models(FakeOpenAi.model(primary, "gpt-4o-mini"), FakeOpenAi.model(secondary, "llama3.2"))
                .maxRounds(1)
                .sleeper(d -> {})
                .build();
    }

    private static ChatRequest request() {
        return ChatRequest.builder().user("Say hello").build();
    }

    @Test
    void aThrottledModelFallsBackToTheSecondServerWhichAnswers() {
        primary.script("gpt-4o-mini", OpenAiReply.error(429, "rate_limit_exceeded", "Rate limit reached"));
        secondary.script("llama3.2", OpenAiReply.text("Hello from the local model"));

        ChatResponse response = chain().chat(request());

        assertThat(response.text()).isEqualTo("Hello from the local model");
        assertThat(response.modelId()).isEqualTo("llama3.2");
        assertThat(primary.requests("gpt-4o-mini")).hasSize(1);
        assertThat(secondary.requests("llama3.2")).hasSize(1);
    }

    @Test
    void aStreamedCallFallsBackOnAServerErrorAndReportsBothCalls() {
        primary.script("gpt-4o-mini", OpenAiReply.error(500, "server_error", "The server had an error"));
        secondary.script("llama3.2", OpenAiReply.text("streamed hello").withChunkSize(2));
        List<String> deltas = new ArrayList<>();
        List<ModelCall> calls = new ArrayList<>();

        ChatResponse response = chain().chat(request(), new StreamListener() {
            @Override
            public void onText(String delta) {
                deltas.add(delta);
            }

            @Override
            public void onModelCall(ModelCall call) {
                calls.add(call);
            }
        });

        assertThat(String.join("", deltas)).isEqualTo("streamed hello");
        assertThat(response.modelId()).isEqualTo("llama3.2");
        assertThat(calls)
                .extracting(ModelCall::failure)
                .containsExactly(Optional.of(ModelException.Kind.SERVER_ERROR), Optional.empty());
        assertThat(primary.requests().get(0).streaming()).isTrue();
    }

    @Test
    void anAuthenticationFailureIsNotHiddenByTheFallback() {
        primary.script("gpt-4o-mini", OpenAiReply.error(401, "invalid_api_key", "Incorrect API key provided"));
        secondary.script("llama3.2", OpenAiReply.text("should not be asked"));

        ModelException e = catchThrowableOfType(ModelException.class, () -> chain().chat(request()));

        assertThat(e.kind()).isEqualTo(ModelException.Kind.ACCESS_DENIED);
        assertThat(e.getMessage()).contains("401", "OPENAI_API_KEY");
        assertThat(secondary.requests()).isEmpty();
    }
}
