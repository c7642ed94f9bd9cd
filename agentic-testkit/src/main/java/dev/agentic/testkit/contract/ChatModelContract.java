package dev.agentic.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.annotation.Stable;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.model.ToolSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every {@link ChatModel} implementation passes. Extend it in the implementation's tests and
 * say how to get a model that answers a given text and one that fails with a given kind (for a remote model,
 * typically by pointing it at a fake server):
 *
 * <pre>{@code
 * class MyChatModelTest extends ChatModelContract {
 *     protected ChatModel modelAnswering(String text) { return MyChatModel.at(fakeServer.answering(text)); }
 *     protected ChatModel modelFailingWith(ModelException.Kind kind) { return MyChatModel.at(fakeServer.failing(kind)); }
 * }
 * }</pre>
 *
 * <p>Checked: the text comes back; usage and a non-blank model id are reported; streamed deltas concatenate
 * to the final text, are well-formed strings, and come before exactly one {@code onComplete} with the final
 * response; tool use works both ways (a tool call comes back as a tool-use block with an id, the tool's name
 * and its arguments, also to a stream listener, and a conversation carrying tool calls and their results is
 * accepted); failures are {@link ModelException}s of the expected kind with a matching {@code retryable()};
 * concurrent calls are safe.
 *
 * <p>Every check is a {@code protected} method: an implementation that cannot honour one overrides it and
 * disables it with the reason ({@code @Disabled("the vendor API has no streaming")}).
 */
@Stable
public abstract class ChatModelContract {
    /** The tool the tool-use checks offer. */
    protected static final ToolSpec TOOL = new ToolSpec(
            "execute_code",
            "Runs a program and returns its output.",
            "{\"type\":\"object\",\"properties\":{\"code_id\":{\"type\":\"string\"}},\"required\":[\"code_id\"]}");
    /** The arguments the tool-use checks expect back. */
    protected static final String TOOL_INPUT = "{\"code_id\":\"code-1\"}";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Text with multi-line code, non-ASCII letters and a character outside the BMP, to catch bad chunking. */
    protected static final String SAMPLE = "Here is the program:\n```python\nprint(\"héllo wörld 🌍\")\n```\nDone.";

    /**
     * A model under test that answers {@code text} to every call (several calls may be made on one model).
     */
    protected abstract ChatModel modelAnswering(String text);

    /** A model under test whose every call fails with {@code kind}. */
    protected abstract ChatModel modelFailingWith(ModelException.Kind kind);

    /**
     * A model under test that answers every call by calling tool {@code name} once with the arguments
     * {@code inputJson} (a JSON object), and stops for the tool's result.
     */
    protected abstract ChatModel modelCallingTool(String name, String inputJson);

    /** The failure kinds this implementation can be made to produce; all of them by default. */
    protected Set<ModelException.Kind> failureKinds() {
        return EnumSet.allOf(ModelException.Kind.class);
    }

    /** The request the contract sends; override to add what the implementation needs. */
    protected ChatRequest request() {
        return ChatRequest.builder()
                .system("You are terse.")
                .user("Write a program that greets the world.")
                .maxTokens(256)
                .build();
    }

    @Test
    protected void answersWithTheGivenText() {
        ChatResponse response = modelAnswering(SAMPLE).chat(request());

        assertThat(response.text()).isEqualTo(SAMPLE);
    }

    @Test
    protected void reportsTokenUsageAndANonBlankModelId() {
        ChatModel model = modelAnswering(SAMPLE);
        ChatResponse response = model.chat(request());

        assertThat(model.id()).isNotBlank();
        assertThat(response.modelId()).isNotBlank();
        assertThat(response.usage().inputTokens()).as("input tokens").isPositive();
        assertThat(response.usage().outputTokens()).as("output tokens").isPositive();
    }

    @Test
    protected void streamedDeltasConcatenateToTheFinalTextAndCompleteOnce() {
        Recorder recorder = new Recorder();

        ChatResponse response = modelAnswering(SAMPLE).chat(request(), recorder);

        assertThat(String.join("", recorder.deltas)).isEqualTo(SAMPLE);
        assertThat(recorder.deltas).allSatisfy(d -> {
            assertThat(d).isNotEmpty();
            assertThat(Character.isHighSurrogate(d.charAt(d.length() - 1)))
                    .as("delta ends inside a surrogate pair: %s", d)
                    .isFalse();
        });
        assertThat(recorder.completed).containsExactly(response);
        assertThat(recorder.deltaAfterComplete)
                .as("a delta arrived after onComplete")
                .isFalse();
        assertThat(response.text()).isEqualTo(SAMPLE);
    }

    @Test
    protected void streamingAndPlainCallsGiveTheSameAnswer() {
        ChatModel model = modelAnswering(SAMPLE);

        assertThat(model.chat(request(), StreamListener.ignoring()).text())
                .isEqualTo(model.chat(request()).text());
    }

    /** The request the tool-use checks send: {@link #request()} offering the contract's tool. */
    protected ChatRequest toolRequest() {
        return request().toBuilder().tool(TOOL).build();
    }

    @Test
    protected void aToolCallComesBackAsAToolUseBlockWithItsNameIdAndArguments() throws Exception {
        ChatResponse response = modelCallingTool(TOOL.name(), TOOL_INPUT).chat(toolRequest());

        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(response.toolUses()).singleElement().satisfies(use -> {
            assertThat(use.id()).as("tool use id").isNotBlank();
            assertThat(use.name()).isEqualTo(TOOL.name());
            assertThat(JSON.readTree(use.inputJson())).isEqualTo(JSON.readTree(TOOL_INPUT));
        });
    }

    @Test
    protected void aStreamedToolCallReachesTheListenerBeforeCompletion() {
        Recorder recorder = new Recorder();

        ChatResponse response = modelCallingTool(TOOL.name(), TOOL_INPUT).chat(toolRequest(), recorder);

        assertThat(recorder.toolUses).containsExactlyElementsOf(response.toolUses());
        assertThat(recorder.completed).containsExactly(response);
    }

    @Test
    protected void aConversationWithToolCallsAndTheirResultsIsAccepted() {
        ContentBlock.ToolUse call = new ContentBlock.ToolUse("toolu_contract_1", TOOL.name(), TOOL_INPUT);
        ChatRequest followUp = toolRequest().toBuilder()
                .message(new Message(Role.ASSISTANT, List.of(call)))
                .message(new Message(
                        Role.USER,
                        List.of(new ContentBlock.ToolResult(
                                call.id(), "{\"status\":\"SUCCEEDED\",\"stdout\":\"hello\\n\"}", false))))
                .build();

        ChatResponse response = modelAnswering(SAMPLE).chat(followUp);

        assertThat(response.text()).isEqualTo(SAMPLE);
    }

    @TestFactory
    protected Stream<DynamicTest> failuresAreModelExceptionsOfTheExpectedKind() {
        return failureKinds().stream()
                .map(kind -> DynamicTest.dynamicTest(kind.name(), () -> {
                    ChatModel model = modelFailingWith(kind);

                    Throwable plain = catchThrowable(() -> model.chat(request()));
                    Throwable streamed = catchThrowable(() -> model.chat(request(), StreamListener.ignoring()));

                    for (Throwable t : List.of(plain, streamed)) {
                        assertThat(t).isInstanceOf(ModelException.class);
                        ModelException e = (ModelException) t;
                        assertThat(e.kind()).isEqualTo(kind);
                        assertThat(e.retryable()).isEqualTo(kind.retryable());
                        assertThat(e.getMessage()).isNotBlank();
                    }
                }));
    }

    @Test
    protected void concurrentCallsAreSafe() throws Exception {
        ChatModel model = modelAnswering(SAMPLE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ChatResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> model.chat(request(), new Recorder())));
            }
            for (Future<ChatResponse> future : futures) {
                assertThat(future.get(60, TimeUnit.SECONDS).text()).isEqualTo(SAMPLE);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Records what a stream delivered. */
    private static final class Recorder implements StreamListener {
        final List<String> deltas = Collections.synchronizedList(new ArrayList<>());
        final List<ChatResponse> completed = Collections.synchronizedList(new ArrayList<>());
        final List<ContentBlock.ToolUse> toolUses = Collections.synchronizedList(new ArrayList<>());
        volatile boolean deltaAfterComplete;

        @Override
        public void onText(String delta) {
            if (!completed.isEmpty()) {
                deltaAfterComplete = true;
            }
            deltas.add(delta);
        }

        @Override
        public void onToolUse(ContentBlock.ToolUse toolUse) {
            toolUses.add(toolUse);
        }

        @Override
        public void onComplete(ChatResponse response) {
            completed.add(response);
        }
    }
}
