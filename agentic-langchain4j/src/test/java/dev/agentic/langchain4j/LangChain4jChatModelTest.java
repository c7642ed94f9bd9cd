package dev.agentic.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.model.ToolSpec;
import dev.agentic.langchain4j.internal.Conversions;
import dev.agentic.testkit.openai.FakeOpenAiServer;
import dev.agentic.testkit.openai.OpenAiReply;
import dev.agentic.testkit.openai.RecordedOpenAiRequest;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link LangChain4jChatModel} puts on the wire and reads back, through the real OpenAI client. */
class LangChain4jChatModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolSpec LOOKUP = new ToolSpec(
            "lookup_customer",
            "Finds a customer.",
            "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"description\":\"full name\"},"
                    + "\"limit\":{\"type\":\"integer\"},\"tier\":{\"type\":\"string\",\"enum\":[\"gold\",\"basic\"]},"
                    + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[\"name\"]}");

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theSystemPromptToolsAndAToolRoundTripReachTheServerInOpenAiForm() throws Exception {
        server.script("gpt-wire", OpenAiReply.text("done"));
        ContentBlock.ToolUse call = new ContentBlock.ToolUse("call_9", "lookup_customer", "{\"name\":\"Alice\"}");
        ChatRequest request = ChatRequest.builder()
                .system("You are terse.")
                .user("Find Alice")
                .message(new Message(Role.ASSISTANT, List.of(ContentBlock.text("Looking."), call)))
                .message(new Message(Role.USER, List.of(new ContentBlock.ToolResult("call_9", "{\"id\":7}", false))))
                .tool(LOOKUP)
                .maxTokens(100)
                .temperature(0.2)
                .stopSequence("END")
                .build();

        FakeOpenAi.model(server, "gpt-wire").chat(request);

        RecordedOpenAiRequest sent = server.requests("gpt-wire").get(0);
        JsonNode messages = sent.messages();
        assertThat(messages).hasSize(4);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).path("content").asText()).isEqualTo("You are terse.");
        assertThat(messages.get(2).path("tool_calls").get(0).path("id").asText())
                .isEqualTo("call_9");
        assertThat(messages.get(2)
                        .path("tool_calls")
                        .get(0)
                        .path("function")
                        .path("name")
                        .asText())
                .isEqualTo("lookup_customer");
        assertThat(messages.get(3).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_9");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("{\"id\":7}");
        JsonNode parameters = sent.tools().get(0).path("function").path("parameters");
        assertThat(parameters
                        .path("properties")
                        .path("name")
                        .path("description")
                        .asText())
                .isEqualTo("full name");
        assertThat(parameters.path("properties").path("limit").path("type").asText())
                .isEqualTo("integer");
        assertThat(parameters.path("properties").path("tier").path("enum").toString())
                .isEqualTo("[\"gold\",\"basic\"]");
        assertThat(parameters
                        .path("properties")
                        .path("tags")
                        .path("items")
                        .path("type")
                        .asText())
                .isEqualTo("string");
        assertThat(parameters.path("required").toString()).isEqualTo("[\"name\"]");
        assertThat(sent.body().path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.body().path("stop").toString()).contains("END");
    }

    @Test
    void theAnsweringModelsNameUsageWithCachedTokensAndStopReasonComeBack() {
        server.script(
                "gpt-4o-mini",
                OpenAiReply.text("partial")
                        .withModel("gpt-4o-mini-2024-07-18")
                        .withUsage(100, 7, 40)
                        .withFinishReason("length"));

        ChatResponse response = FakeOpenAi.model(server, "gpt-4o-mini")
                .chat(ChatRequest.builder().user("hi").build());

        assertThat(response.modelId()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(response.usage()).isEqualTo(new TokenUsage(60, 7, 40, 0));
        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void streamedDeltasReachTheListenerOnTheCallingThread() {
        server.script("gpt-thread", OpenAiReply.text("one two three four five").withChunkSize(2));
        Set<Thread> threads = ConcurrentHashMap.newKeySet();

        FakeOpenAi.model(server, "gpt-thread")
                .chat(ChatRequest.builder().user("count").build(), delta -> threads.add(Thread.currentThread()));

        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void anUnreachableServerIsUnavailableSoAFallbackMovesOn() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LangChain4jChatModel model = LangChain4jChatModel.of(OpenAiChatModel.builder()
                .baseUrl("http://127.0.0.1:" + port + "/v1")
                .apiKey("sk-test-fake")
                .modelName("gpt-gone")
                .maxRetries(0)
                .build());

        ModelException e = catchThrowableOfType(
                ModelException.class,
                () -> model.chat(ChatRequest.builder().user("hi").build()));

        assertThat(e.kind()).isEqualTo(ModelException.Kind.UNAVAILABLE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.modelId()).isEqualTo("gpt-gone");
    }

    @Test
    void anAnswerSlowerThanTheClientsTimeoutIsATimeout() {
        server.script("gpt-slow", OpenAiReply.text("late").delayedBy(Duration.ofSeconds(5)));
        LangChain4jChatModel model = LangChain4jChatModel.of(OpenAiChatModel.builder()
                .baseUrl(server.baseUrl())
                .apiKey("sk-test-fake")
                .modelName("gpt-slow")
                .timeout(Duration.ofMillis(500))
                .maxRetries(0)
                .build());

        ModelException e = catchThrowableOfType(
                ModelException.class,
                () -> model.chat(ChatRequest.builder().user("hi").build()));

        assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void aToolWhoseSchemaIsNotAnObjectIsRefusedNamingTheTool() {
        ChatRequest request = ChatRequest.builder()
                .user("hi")
                .tool(new ToolSpec("broken", "x", "{\"type\":\"string\"}"))
                .build();

        assertThatThrownBy(() -> FakeOpenAi.model(server, "gpt-x").chat(request))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Tool 'broken'");
    }

    @Test
    void valuesGivenToRedactingAreMaskedInErrorsAndAnErrorWithoutThemKeepsItsCause() {
        String key = "sk-user-built-key-31415";
        LangChain4jChatModel model = LangChain4jChatModel.builder()
                .model(OpenAiChatModel.builder()
                        .baseUrl(server.baseUrl())
                        .apiKey(key)
                        .modelName("gpt-echo")
                        .maxRetries(0)
                        .build())
                .redacting(List.of(key))
                .build();
        server.script(
                "gpt-echo",
                OpenAiReply.error(400, "invalid_value", "bad header Bearer " + key),
                OpenAiReply.error(400, "invalid_value", "Invalid value for 'temperature'"));

        ModelException echoed = catchThrowableOfType(
                ModelException.class,
                () -> model.chat(ChatRequest.builder().user("hi").build()));
        ModelException plain = catchThrowableOfType(
                ModelException.class,
                () -> model.chat(ChatRequest.builder().user("hi").build()));

        assertThat(echoed.getMessage()).contains("bad header Bearer [REDACTED]").doesNotContain(key);
        assertThat(echoed.getCause()).isNull();
        assertThat(plain.getMessage()).contains("Invalid value for 'temperature'");
        assertThat(plain.getCause()).isNotNull();
    }

    @Test
    void aModelIsRequired() {
        assertThatThrownBy(() -> LangChain4jChatModel.builder().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(".model(");
    }

    @Test
    void toolSpecificationsConvertBothWaysWithoutLosingTheSchema() throws Exception {
        ToolSpec back = Conversions.toolSpec(Conversions.toolSpecification(LOOKUP));

        assertThat(back.name()).isEqualTo(LOOKUP.name());
        assertThat(back.description()).isEqualTo(LOOKUP.description());
        assertThat(JSON.readTree(back.inputSchemaJson())).isEqualTo(JSON.readTree(LOOKUP.inputSchemaJson()));
    }
}
