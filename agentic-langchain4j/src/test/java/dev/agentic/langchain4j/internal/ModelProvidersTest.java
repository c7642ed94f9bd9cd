package dev.agentic.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.FallbackChatModel;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderLookup;
import dev.agentic.testkit.openai.FakeOpenAiServer;
import dev.agentic.testkit.openai.OpenAiReply;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code openai:} and {@code anthropic:} read their settings like the vendors' SDKs and build working models. */
class ModelProvidersTest {
    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Settings settings = new Settings(properties::get, environment::get);

    @AfterEach
    void stop() {
        server.close();
    }

    private static ChatRequest hello() {
        return ChatRequest.builder().user("hello").build();
    }

    @Test
    void openAiTakesTheKeyAndBaseUrlFromTheEnvironmentAndAnswers() {
        environment.put("OPENAI_BASE_URL", server.baseUrl());
        environment.put("OPENAI_API_KEY", "sk-env-key-1234");
        server.script("gpt-4o-mini", OpenAiReply.text("hi there"));

        ChatModel model = new OpenAiModelProvider(settings).create("openai:gpt-4o-mini", ProviderContext.defaults());

        assertThat(model.id()).isEqualTo("gpt-4o-mini");
        assertThat(model.chat(hello()).text()).isEqualTo("hi there");
        assertThat(server.requests().get(0).header("authorization")).isEqualTo("Bearer sk-env-key-1234");
    }

    @Test
    void systemPropertiesComeBeforeTheEnvironmentAsInOpenAisSdks() {
        environment.put("OPENAI_BASE_URL", "http://127.0.0.1:1/v1");
        environment.put("OPENAI_API_KEY", "sk-env-key-1234");
        properties.put("openai.baseUrl", server.baseUrl());
        properties.put("openai.apiKey", "sk-prop-key-5678");
        server.script("gpt-4o-mini", OpenAiReply.text("from props"));

        ChatModel model = new OpenAiModelProvider(settings).create("openai:gpt-4o-mini", ProviderContext.defaults());

        assertThat(model.chat(hello()).text()).isEqualTo("from props");
        assertThat(server.requests().get(0).header("authorization")).isEqualTo("Bearer sk-prop-key-5678");
    }

    @Test
    void aLocalCompatibleServerNeedsNoKey() {
        environment.put("OPENAI_BASE_URL", server.baseUrl());
        server.script("llama3.2", OpenAiReply.text("local"));

        ChatModel model = new OpenAiModelProvider(settings).create("openai:llama3.2", ProviderContext.defaults());

        assertThat(model.chat(hello()).text()).isEqualTo("local");
    }

    @Test
    void theRealOpenAiWithoutAKeyIsAnErrorSayingWhatToSet() {
        assertThatThrownBy(() -> new OpenAiModelProvider(settings).create("openai:gpt-4o", ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("OPENAI_API_KEY")
                .hasMessageContaining("OPENAI_BASE_URL");
    }

    @Test
    void aListOfModelsIsAFallbackChainThatMovesOnWhenThrottled() {
        environment.put("OPENAI_BASE_URL", server.baseUrl());
        server.script("gpt-4o", OpenAiReply.error(429, "rate_limit_exceeded", "slow down"));
        server.script("gpt-4o-mini", OpenAiReply.text("second"));

        ChatModel model =
                new OpenAiModelProvider(settings).create("openai:gpt-4o,gpt-4o-mini", ProviderContext.defaults());

        assertThat(model).isInstanceOf(FallbackChatModel.class);
        assertThat(model.chat(hello()).modelId()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void anErrorBodyThatEchoesTheApiKeyDoesNotCarryTheKeyIntoTheException() {
        String key = "sk-echoed-key-9f8e7d6c5b4a";
        environment.put("OPENAI_BASE_URL", server.baseUrl());
        environment.put("OPENAI_API_KEY", key);
        server.script("gpt-4o-mini", OpenAiReply.error(401, "invalid_api_key", "Incorrect API key provided: " + key));
        ChatModel model = new OpenAiModelProvider(settings).create("openai:gpt-4o-mini", ProviderContext.defaults());

        ModelException plain = catchThrowableOfType(ModelException.class, () -> model.chat(hello()));
        ModelException streamed =
                catchThrowableOfType(ModelException.class, () -> model.chat(hello(), StreamListener.ignoring()));

        for (ModelException e : new ModelException[] {plain, streamed}) {
            assertThat(e.kind()).isEqualTo(ModelException.Kind.ACCESS_DENIED);
            assertThat(e.getMessage())
                    .contains("Incorrect API key provided: [REDACTED]")
                    .doesNotContain(key);
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(key);
            }
        }
    }

    @Test
    void anEmptyModelNameIsAnErrorWithAnExample() {
        assertThatThrownBy(() -> new OpenAiModelProvider(settings).create("openai:", ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("openai:gpt-4o-mini");
    }

    @Test
    void anthropicNeedsAKey() {
        assertThatThrownBy(() -> new AnthropicModelProvider(settings)
                        .create("anthropic:claude-3-7-sonnet-latest", ProviderContext.defaults()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ANTHROPIC_API_KEY");
    }

    @Test
    void anthropicSendsItsMessagesCallToTheBaseUrlWithV1AddedAsItsSdksDo() {
        environment.put("ANTHROPIC_API_KEY", "sk-ant-test-1234");
        environment.put("ANTHROPIC_BASE_URL", server.baseUrl().replace("/v1", ""));

        ChatModel model = new AnthropicModelProvider(settings)
                .create("anthropic:claude-3-7-sonnet-latest", ProviderContext.defaults());
        ModelException e = catchThrowableOfType(ModelException.class, () -> model.chat(hello()));

        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/messages");
            assertThat(r.header("x-api-key")).isEqualTo("sk-ant-test-1234");
            assertThat(r.body().path("model").asText()).isEqualTo("claude-3-7-sonnet-latest");
        });
        assertThat(e.kind()).isEqualTo(ModelException.Kind.MODEL_NOT_FOUND);
    }

    @Test
    void bothSchemesAreFoundOnTheClasspathAndListedInUsage() {
        ProviderLookup<ChatModel> lookup = ProviderLookup.chatModels();

        Throwable unknown = catchThrowableOfType(
                ConfigurationException.class, () -> lookup.create("nosuch:model", ProviderContext.defaults()));

        assertThat(unknown.getMessage()).contains("openai:MODEL", "anthropic:MODEL");
    }

    @Test
    void apiUrlAddsV1Once() {
        assertThat(AnthropicModelProvider.apiUrl("https://api.anthropic.com"))
                .isEqualTo("https://api.anthropic.com/v1/");
        assertThat(AnthropicModelProvider.apiUrl("http://h:1/v1/")).isEqualTo("http://h:1/v1/");
    }
}
