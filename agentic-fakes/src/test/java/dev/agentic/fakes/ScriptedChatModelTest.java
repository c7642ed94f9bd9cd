package dev.agentic.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.model.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedChatModelTest {
    private static ChatRequest ask(String text) {
        return ChatRequest.builder().user(text).build();
    }

    @Test
    void answersInScriptOrderAndNamesItself() {
        ScriptedChatModel model = ScriptedChatModel.of("one", "two");

        assertThat(model.chat(ask("a")).text()).isEqualTo("one");
        ChatResponse second = model.chat(ask("b"));
        assertThat(second.text()).isEqualTo("two");
        assertThat(second.modelId()).isEqualTo("scripted").isEqualTo(model.id());
        assertThat(second.stopReason()).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void runningOutOfAnswersSaysWhichCallAndHowManyWereGiven() {
        ScriptedChatModel model =
                ScriptedChatModel.builder().id("x").answers("one", "two").build();
        model.chat(ask("1"));
        model.chat(ask("2"));

        assertThatThrownBy(() -> model.chat(ask("3"))).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.getMessage()).contains("ScriptedChatModel 'x' has no answer for call 3; it was given 2");
            assertThat(e.retryable()).isFalse();
        });
    }

    @Test
    void recordsEveryRequestIncludingFailedCalls() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .failOnCall(2, ModelException.Kind.THROTTLED)
                .answers("one", "two")
                .build();

        model.chat(ask("first"));
        assertThatThrownBy(() -> model.chat(ask("second"))).isInstanceOf(ModelException.class);
        model.chat(ask("third"));

        assertThat(model.callCount()).isEqualTo(3);
        assertThat(model.requests()).extracting(ChatRequest::lastUserText).containsExactly("first", "second", "third");
        assertThat(model.lastRequest().lastUserText()).isEqualTo("third");
    }

    @Test
    void failOnCallThrowsTheKindWithoutUsingUpAnAnswer() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .id("m")
                .failOnCall(1, ModelException.Kind.UNAVAILABLE)
                .answer("the answer")
                .build();

        assertThatThrownBy(() -> model.chat(ask("a"))).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.kind()).isEqualTo(ModelException.Kind.UNAVAILABLE);
            assertThat(e.modelId()).isEqualTo("m");
            assertThat(e.getMessage()).contains("call 1");
        });
        assertThat(model.chat(ask("b")).text()).isEqualTo("the answer");
    }

    @Test
    void failedStreamingCallDeliversNothingToTheListener() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .failOnCall(1, ModelException.Kind.TIMEOUT)
                .answer("x")
                .build();
        List<String> deltas = new ArrayList<>();

        assertThatThrownBy(() -> model.chat(ask("a"), deltas::add)).isInstanceOf(ModelException.class);
        assertThat(deltas).isEmpty();
    }

    @Test
    void streamsTextInChunksOfTheConfiguredSize() {
        ScriptedChatModel model =
                ScriptedChatModel.builder().chunkSize(4).answer("abcdefghij").build();
        List<String> deltas = new ArrayList<>();

        model.chat(ask("a"), deltas::add);

        assertThat(deltas).containsExactly("abcd", "efgh", "ij");
    }

    @Test
    void chunksNeverSplitASurrogatePair() {
        ScriptedChatModel model =
                ScriptedChatModel.builder().chunkSize(1).answer("a🌍b").build();
        List<String> deltas = new ArrayList<>();

        model.chat(ask("a"), deltas::add);

        assertThat(deltas).containsExactly("a", "🌍", "b");
    }

    @Test
    void usageIsEstimatedFromCharactersUnlessGiven() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .answer("12345678")
                .answer(ScriptedAnswer.text("x").withUsage(new TokenUsage(100, 7)))
                .build();

        assertThat(model.chat(ask("0123456789abcdef")).usage()).isEqualTo(new TokenUsage(4, 2));
        assertThat(model.chat(ask("y")).usage()).isEqualTo(new TokenUsage(100, 7));
    }

    @Test
    void toolUseAnswerCarriesTheCallWithAnIdAndStopsForToolUse() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .answer(ScriptedAnswer.toolUse("generate_code", "{\"task\":\"x\"}"))
                .answer(ScriptedAnswer.text("Running it now.").withToolUse("execute_code", "{}"))
                .build();
        List<ContentBlock.ToolUse> streamed = new ArrayList<>();
        StreamListener listener = new StreamListener() {
            @Override
            public void onText(String delta) {}

            @Override
            public void onToolUse(ContentBlock.ToolUse toolUse) {
                streamed.add(toolUse);
            }
        };

        ChatResponse first = model.chat(ask("go"), listener);
        ChatResponse second = model.chat(ask("go on"), listener);

        assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(first.toolUses()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("generate_code");
            assertThat(t.inputJson()).isEqualTo("{\"task\":\"x\"}");
            assertThat(t.id()).isEqualTo("toolu_generate_code_1");
        });
        assertThat(second.text()).isEqualTo("Running it now.");
        assertThat(second.toolUses()).extracting(ContentBlock.ToolUse::id).containsExactly("toolu_execute_code_2");
        assertThat(streamed).hasSize(2);
    }

    @Test
    void fullResponseKeepsItsContentStopReasonAndUsageButTakesTheModelsId() {
        ChatResponse scripted = new ChatResponse(
                new Message(
                        Role.ASSISTANT,
                        List.of(ContentBlock.text("cut"), new ContentBlock.ToolUse("t-9", "lookup", "{}"))),
                StopReason.MAX_TOKENS,
                new TokenUsage(5, 6),
                "other");
        ScriptedChatModel model =
                ScriptedChatModel.builder().id("mine").answer(scripted).build();

        ChatResponse response = model.chat(ask("a"));

        assertThat(response.text()).isEqualTo("cut");
        assertThat(response.toolUses()).containsExactly(new ContentBlock.ToolUse("t-9", "lookup", "{}"));
        assertThat(response.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(response.usage()).isEqualTo(new TokenUsage(5, 6));
        assertThat(response.modelId()).isEqualTo("mine");
    }

    @Test
    void functionAnswersOnceTheListIsUsedUp() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .answer("listed")
                .respondWithText(r -> "echo: " + r.lastUserText())
                .build();

        assertThat(model.chat(ask("a")).text()).isEqualTo("listed");
        assertThat(model.chat(ask("b")).text()).isEqualTo("echo: b");
        assertThat(model.chat(ask("c")).text()).isEqualTo("echo: c");
        assertThat(model.remainingAnswers()).isZero();
    }

    @Test
    void lastRequestOfAnUnusedModelSaysItWasNeverCalled() {
        assertThatThrownBy(() -> ScriptedChatModel.of().lastRequest()).hasMessageContaining("never called");
    }
}
