package dev.agentic.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.ModelException.Kind;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.model.ToolSpec;
import dev.agentic.testkit.aws.BedrockReply;
import dev.agentic.testkit.aws.FakeBedrockServer;
import dev.agentic.testkit.aws.RecordedBedrockRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

class BedrockChatModelTest {
    private static final AtomicInteger MODELS = new AtomicInteger();
    private static FakeBedrockServer server;
    private static BedrockRuntimeClient client;
    private static BedrockRuntimeAsyncClient asyncClient;

    /** A model id of its own per test, so requests and scripts of tests do not mix. */
    private String modelId;

    private BedrockChatModel model;

    @BeforeAll
    static void start() {
        server = FakeBedrockServer.start();
        client = FakeClients.sync(server.endpoint());
        asyncClient = FakeClients.async(server.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        asyncClient.close();
        server.close();
    }

    @BeforeEach
    void newModel() {
        modelId = "us.anthropic.claude-3-7-sonnet-20250219-v" + MODELS.incrementAndGet() + ":0";
        model = BedrockChatModel.builder()
                .modelId(modelId)
                .client(client)
                .asyncClient(asyncClient)
                .build();
    }

    private static ChatRequest hello() {
        return ChatRequest.builder().user("Say hello").build();
    }

    @Test
    void systemPromptInferenceConfigToolsAndToolResultsReachTheWire() {
        server.script(modelId, BedrockReply.text("ok"));
        BedrockChatModel tuned = BedrockChatModel.builder()
                .modelId(modelId)
                .client(client)
                .asyncClient(asyncClient)
                .topP(0.9)
                .build();
        ContentBlock.ToolUse call = new ContentBlock.ToolUse("t1", "calc", "{\"a\":1}");
        ChatRequest request = ChatRequest.builder()
                .system("be brief")
                .user("add")
                .message(new Message(Role.ASSISTANT, List.of(call)))
                .message(new Message(Role.USER, List.of(new ContentBlock.ToolResult("t1", "2", true))))
                .tool(new ToolSpec("calc", "adds", "{\"type\":\"object\"}"))
                .maxTokens(100)
                .temperature(0.2)
                .stopSequence("END")
                .build();

        tuned.chat(request);
        tuned.chat(request, StreamListener.ignoring());

        assertThat(server.requests(modelId))
                .extracting(RecordedBedrockRequest::operation)
                .containsExactly("converse", "converse-stream");
        for (RecordedBedrockRequest r : server.requests(modelId)) {
            JsonNode body = r.body();
            assertThat(r.modelId()).isEqualTo(modelId);
            assertThat(body.at("/system/0/text").asText()).isEqualTo("be brief");
            assertThat(body.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(100);
            assertThat(body.at("/inferenceConfig/temperature").asDouble()).isCloseTo(0.2, within());
            assertThat(body.at("/inferenceConfig/topP").asDouble()).isCloseTo(0.9, within());
            assertThat(body.at("/inferenceConfig/stopSequences/0").asText()).isEqualTo("END");
            assertThat(body.at("/toolConfig/tools/0/toolSpec/name").asText()).isEqualTo("calc");
            assertThat(body.at("/toolConfig/tools/0/toolSpec/inputSchema/json/type")
                            .asText())
                    .isEqualTo("object");
            assertThat(body.at("/messages/1/role").asText()).isEqualTo("assistant");
            assertThat(body.at("/messages/1/content/0/toolUse/input/a").asInt()).isEqualTo(1);
            assertThat(body.at("/messages/2/content/0/toolResult/toolUseId").asText())
                    .isEqualTo("t1");
            assertThat(body.at("/messages/2/content/0/toolResult/status").asText())
                    .isEqualTo("error");
            assertThat(body.at("/messages/2/content/0/toolResult/content/0/text")
                            .asText())
                    .isEqualTo("2");
            assertThat(r.header("authorization"))
                    .contains(FakeClients.ACCESS_KEY_ID)
                    .doesNotContain("Bearer");
        }
    }

    private static Offset<Double> within() {
        return Offset.offset(1e-6);
    }

    @Test
    void usageWithPromptCacheTokensStopReasonAndModelIdComeBackSyncAndStreaming() {
        server.script(
                modelId, BedrockReply.text("cut").withStopReason("max_tokens").withUsage(10, 5, 300, 40));

        ChatResponse plain = model.chat(hello());
        ChatResponse streamed = model.chat(hello(), StreamListener.ignoring());

        for (ChatResponse r : List.of(plain, streamed)) {
            assertThat(r.usage()).isEqualTo(new TokenUsage(10, 5, 300, 40));
            assertThat(r.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
            assertThat(r.modelId()).isEqualTo(modelId);
            assertThat(r.text()).isEqualTo("cut");
        }
    }

    @Test
    void aStreamedToolCallWithChunkedInputIsAssembled() {
        server.script(
                modelId,
                BedrockReply.toolUse("tu1", "calc", "{\"a\": [1, 2, 3], \"b\": \"x\"}")
                        .withChunkSize(2));
        List<ContentBlock.ToolUse> heard = new ArrayList<>();

        ChatResponse r = model.chat(hello(), new StreamListener() {
            @Override
            public void onText(String delta) {}

            @Override
            public void onToolUse(ContentBlock.ToolUse toolUse) {
                heard.add(toolUse);
            }
        });

        assertThat(r.toolUses())
                .containsExactly(new ContentBlock.ToolUse("tu1", "calc", "{\"a\": [1, 2, 3], \"b\": \"x\"}"));
        assertThat(heard).isEqualTo(r.toolUses());
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void aStreamEndingWithoutMessageStopIsAnErrorAfterThePartialText() {
        server.script(modelId, BedrockReply.truncated("Hello, wor"));
        List<String> deltas = new ArrayList<>();

        ModelException e = catchThrowableOfType(ModelException.class, () -> model.chat(hello(), deltas::add));

        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.getMessage()).contains(modelId).contains("messageStop");
        assertThat(String.join("", deltas)).isEqualTo("Hello, wor");
    }

    @Test
    void inStreamExceptionsMapToTheirKinds() {
        String[][] cases = {
            {"throttlingException", "THROTTLED"},
            {"serviceUnavailableException", "UNAVAILABLE"},
            {"modelStreamErrorException", "SERVER_ERROR"},
            {"internalServerException", "SERVER_ERROR"},
            {"validationException", "INVALID_REQUEST"}
        };
        for (String[] c : cases) {
            server.script(modelId, BedrockReply.streamException(c[0], "boom").afterText("Hi"));

            ModelException e =
                    catchThrowableOfType(ModelException.class, () -> model.chat(hello(), StreamListener.ignoring()));

            assertThat(e.kind()).as(c[0]).isEqualTo(Kind.valueOf(c[1]));
            assertThat(e.getMessage()).as(c[0]).contains(c[0]).contains(modelId);
        }
    }

    @Test
    void anInStreamThrottleRetriedByTheSdkDoesNotRepeatTheTextAlreadyStreamed() {
        try (BedrockRuntimeAsyncClient retrying = FakeClients.asyncRetrying(server.endpoint());
                BedrockChatModel m = BedrockChatModel.builder()
                        .modelId(modelId)
                        .client(client)
                        .asyncClient(retrying)
                        .build()) {
            server.script(
                    modelId,
                    BedrockReply.streamException("throttlingException", "slow down")
                            .afterText("Hello, "),
                    BedrockReply.text("Hello, world!"));
            List<String> deltas = new ArrayList<>();

            ChatResponse r = m.chat(hello(), deltas::add);

            assertThat(server.requests(modelId)).hasSize(2);
            assertThat(String.join("", deltas)).isEqualTo("Hello, world!");
            assertThat(r.text()).isEqualTo("Hello, world!");
        }
    }

    @Test
    void aRetriedStreamThatWritesDifferentTextFailsInsteadOfMixingTwoAnswers() {
        try (BedrockRuntimeAsyncClient retrying = FakeClients.asyncRetrying(server.endpoint());
                BedrockChatModel m = BedrockChatModel.builder()
                        .modelId(modelId)
                        .client(client)
                        .asyncClient(retrying)
                        .build()) {
            server.script(
                    modelId,
                    BedrockReply.streamException("throttlingException", "slow down")
                            .afterText("Hello, "),
                    BedrockReply.text("Goodbye."));
            List<String> deltas = new ArrayList<>();

            ModelException e = catchThrowableOfType(ModelException.class, () -> m.chat(hello(), deltas::add));

            assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(String.join("", deltas)).isEqualTo("Hello, ");
        }
    }

    @Test
    void anErrorCodeInTheBodyIsMappedLikeOneInTheHeader() {
        server.script(
                modelId,
                BedrockReply.error(400, "ValidationException", "bad input").withTypeInBody());

        ModelException e = catchThrowableOfType(ModelException.class, () -> model.chat(hello()));

        assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void errorMessagesNameModelCodeAndRequestIdButNoCredentials() {
        server.script(
                modelId,
                BedrockReply.error(
                        403,
                        "AccessDeniedException",
                        "User with key " + FakeClients.ACCESS_KEY_ID + " is not authorized to invoke"));

        for (boolean streaming : new boolean[] {false, true}) {
            ModelException e = catchThrowableOfType(ModelException.class, () -> {
                if (streaming) {
                    model.chat(hello(), StreamListener.ignoring());
                } else {
                    model.chat(hello());
                }
            });
            String requestId = server.requests(modelId)
                    .get(server.requests(modelId).size() - 1)
                    .requestId();

            assertThat(e.kind()).isEqualTo(Kind.ACCESS_DENIED);
            assertThat(e.getMessage())
                    .contains(modelId)
                    .contains("AccessDeniedException")
                    .contains(requestId)
                    .contains("bedrock:InvokeModel")
                    .doesNotContain(FakeClients.ACCESS_KEY_ID)
                    .doesNotContain(FakeClients.SECRET_KEY);
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(FakeClients.SECRET_KEY);
        }
    }

    @Test
    void testsDoNotInheritABedrockApiKey() {
        assertThat(System.getenv("AWS_BEARER_TOKEN_BEDROCK")).isNull();
        assertThat(System.getProperty("aws.bearerTokenBedrock")).isNull();
    }
}
