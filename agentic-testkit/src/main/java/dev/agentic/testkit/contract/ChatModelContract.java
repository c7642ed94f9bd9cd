package dev.agentic.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.StreamListener;
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
 * response; failures are {@link ModelException}s of the expected kind with a matching {@code retryable()};
 * concurrent calls are safe.
 */
public abstract class ChatModelContract {
    /** Text with multi-line code, non-ASCII letters and a character outside the BMP, to catch bad chunking. */
    protected static final String SAMPLE = "Here is the program:\n```python\nprint(\"héllo wörld 🌍\")\n```\nDone.";

    /**
     * A model under test that answers {@code text} to every call (several calls may be made on one model).
     */
    protected abstract ChatModel modelAnswering(String text);

    /** A model under test whose every call fails with {@code kind}. */
    protected abstract ChatModel modelFailingWith(ModelException.Kind kind);

    /** The failure kinds this implementation can be made to produce; all of them by default. */
    protected Set<ModelException.Kind> failureKinds() {
        return EnumSet.allOf(ModelException.Kind.class);
    }

    /** The request the contract sends; override to add what the implementation needs. */
    protected ChatRequest request() {
        return ChatRequest.builder().system("You are terse.").user("Write a program that greets the world.")
                .maxTokens(256).build();
    }

    @Test
    void answersWithTheGivenText() {
        ChatResponse response = modelAnswering(SAMPLE).chat(request());

        assertThat(response.text()).isEqualTo(SAMPLE);
    }

    @Test
    void reportsTokenUsageAndANonBlankModelId() {
        ChatModel model = modelAnswering(SAMPLE);
        ChatResponse response = model.chat(request());

        assertThat(model.id()).isNotBlank();
        assertThat(response.modelId()).isNotBlank();
        assertThat(response.usage().inputTokens()).as("input tokens").isPositive();
        assertThat(response.usage().outputTokens()).as("output tokens").isPositive();
    }

    @Test
    void streamedDeltasConcatenateToTheFinalTextAndCompleteOnce() {
        Recorder recorder = new Recorder();

        ChatResponse response = modelAnswering(SAMPLE).chat(request(), recorder);

        assertThat(String.join("", recorder.deltas)).isEqualTo(SAMPLE);
        assertThat(recorder.deltas).allSatisfy(d -> {
            assertThat(d).isNotEmpty();
            assertThat(Character.isHighSurrogate(d.charAt(d.length() - 1)))
                    .as("delta ends inside a surrogate pair: %s", d).isFalse();
        });
        assertThat(recorder.completed).containsExactly(response);
        assertThat(recorder.deltaAfterComplete).as("a delta arrived after onComplete").isFalse();
        assertThat(response.text()).isEqualTo(SAMPLE);
    }

    @Test
    void streamingAndPlainCallsGiveTheSameAnswer() {
        ChatModel model = modelAnswering(SAMPLE);

        assertThat(model.chat(request(), StreamListener.ignoring()).text()).isEqualTo(model.chat(request()).text());
    }

    @TestFactory
    Stream<DynamicTest> failuresAreModelExceptionsOfTheExpectedKind() {
        return failureKinds().stream().map(kind -> DynamicTest.dynamicTest(kind.name(), () -> {
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
    void concurrentCallsAreSafe() throws Exception {
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
