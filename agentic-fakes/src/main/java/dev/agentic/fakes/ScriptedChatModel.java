package dev.agentic.fakes;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.Message;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.Role;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.model.TokenUsage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A {@link ChatModel} that answers from a script, for tests of code that calls a model: no network, no
 * keys, fully deterministic. It can fail with a chosen {@link ModelException.Kind} on chosen calls, streams
 * text in chunks through the {@link StreamListener}, and records every request so tests can assert on the
 * prompts.
 *
 * <pre>{@code
 * ScriptedChatModel model = ScriptedChatModel.builder()
 *     .id("claude")
 *     .answer("```python\nprint('hi')\n```")
 *     .failOnCall(2, ModelException.Kind.THROTTLED)
 *     .answer(ScriptedAnswer.toolUse("execute_code", "{}"))
 *     .build();
 * ...
 * assertThat(model.callCount()).isEqualTo(3);
 * assertThat(model.lastRequest().lastUserText()).contains("Traceback");
 * }</pre>
 *
 * <p>How calls are answered: call numbers count every call from 1. A call chosen with {@link
 * Builder#failOnCall} throws before it streams anything and does not use up an answer. Every other call takes
 * the next listed answer; when the list is used up, the {@linkplain Builder#respondWith function} answers, and
 * without one the call fails with a {@link ModelException} of kind {@link ModelException.Kind#UNKNOWN} that says
 * {@code ScriptedChatModel 'x' has no answer for call 3; it was given 2}. Token usage is estimated as one token
 * per four characters (at least one) unless the answer gives it.
 *
 * <p>Thread-safe: concurrent calls take answers in the order they arrive. Holds no resources.
 */
@Stable
public final class ScriptedChatModel implements ChatModel {
    private final String id;
    private final List<ScriptedAnswer> answers;
    private final Function<ChatRequest, ChatResponse> function;
    private final Map<Integer, ModelException.Kind> failures;
    private final int chunkSize;
    private final List<ChatRequest> requests = new ArrayList<>();
    private int nextAnswer;
    private int toolUseCount;

    private ScriptedChatModel(Builder b) {
        this.id = b.id;
        this.answers = List.copyOf(b.answers);
        this.function = b.function;
        this.failures = new TreeMap<>(b.failures);
        this.chunkSize = b.chunkSize;
    }

    /** A model named {@code scripted} that gives these text answers, one per call, in order. */
    public static ScriptedChatModel of(String... answers) {
        return builder().answers(answers).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return chat(request, StreamListener.ignoring());
    }

    /** Streams the answer's text in chunks, then its tool calls, then calls {@code onComplete} once. */
    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        ChatResponse response = next(request);
        String text = response.text();
        int i = 0;
        while (i < text.length()) {
            int end = Math.min(text.length(), i + chunkSize);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            listener.onText(text.substring(i, end));
            i = end;
        }
        response.toolUses().forEach(listener::onToolUse);
        listener.onComplete(response);
        return response;
    }

    /** Every request received so far, oldest first (a snapshot). */
    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * The most recent request.
     *
     * @throws IllegalStateException when the model was never called
     */
    public synchronized ChatRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("ScriptedChatModel '" + id + "' was never called");
        }
        return requests.get(requests.size() - 1);
    }

    /** How many calls were made, failed ones included. */
    public synchronized int callCount() {
        return requests.size();
    }

    /** How many listed answers are still unused. */
    public synchronized int remainingAnswers() {
        return answers.size() - nextAnswer;
    }

    private ChatResponse next(ChatRequest request) {
        ScriptedAnswer answer;
        int call;
        synchronized (this) {
            requests.add(request);
            call = requests.size();
            ModelException.Kind failure = failures.get(call);
            if (failure != null) {
                throw new ModelException(failure, id, "scripted failure on call " + call);
            }
            if (nextAnswer < answers.size()) {
                answer = withToolUseIds(answers.get(nextAnswer++));
            } else if (function == null) {
                throw new ModelException(
                        ModelException.Kind.UNKNOWN,
                        id,
                        "ScriptedChatModel '" + id
                                + "' has no answer for call " + call + "; it was given " + answers.size()
                                + (failures.isEmpty() ? "" : " (and " + failures.size() + " scripted failure(s))")
                                + ". Add answers to the script, or check why the code under test called the model again.");
            } else {
                answer = null;
            }
        }
        if (answer == null) {
            ChatResponse response = Objects.requireNonNull(
                    function.apply(request),
                    "the respondWith function of ScriptedChatModel '" + id + "' returned null for call " + call);
            return response.withModelId(id);
        }
        List<ContentBlock> content = new ArrayList<>();
        if (!answer.text().isEmpty() || answer.toolUses().isEmpty()) {
            content.add(ContentBlock.text(answer.text()));
        }
        content.addAll(answer.toolUses());
        Message message = new Message(Role.ASSISTANT, content);
        TokenUsage usage = answer.usage().orElseGet(() -> estimate(request, message));
        return new ChatResponse(message, answer.stopReason(), usage, id);
    }

    private ScriptedAnswer withToolUseIds(ScriptedAnswer answer) {
        if (answer.toolUses().stream().noneMatch(t -> t.id().isEmpty())) {
            return answer;
        }
        List<ContentBlock.ToolUse> withIds = new ArrayList<>();
        for (ContentBlock.ToolUse use : answer.toolUses()) {
            withIds.add(
                    use.id().isEmpty()
                            ? new ContentBlock.ToolUse(
                                    "toolu_" + use.name() + "_" + (++toolUseCount), use.name(), use.inputJson())
                            : use);
        }
        return answer.withToolUses(withIds);
    }

    private static TokenUsage estimate(ChatRequest request, Message answer) {
        long in = request.system().length();
        for (Message m : request.messages()) {
            in += length(m);
        }
        return new TokenUsage(Math.max(1, (in + 3) / 4), Math.max(1, (length(answer) + 3) / 4));
    }

    private static long length(Message m) {
        long n = 0;
        for (ContentBlock block : m.content()) {
            if (block instanceof ContentBlock.Text t) {
                n += t.text().length();
            } else if (block instanceof ContentBlock.ToolUse u) {
                n += u.name().length() + u.inputJson().length();
            } else if (block instanceof ContentBlock.ToolResult r) {
                n += r.content().length();
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "ScriptedChatModel[" + id + ", " + answers.size() + " answers]";
    }

    /** Builder for {@link ScriptedChatModel}; not thread-safe. */
    public static final class Builder {
        private String id = "scripted";
        private final List<ScriptedAnswer> answers = new ArrayList<>();
        private Function<ChatRequest, ChatResponse> function;
        private final Map<Integer, ModelException.Kind> failures = new TreeMap<>();
        private int chunkSize = 16;

        private Builder() {}

        /** The model id reported by {@link #id()} and in every response; default {@code scripted}. */
        public Builder id(String id) {
            if (id == null || id.isBlank()) {
                throw new ConfigurationException("ScriptedChatModel.id must not be blank");
            }
            this.id = id;
            return this;
        }

        /** Adds a text answer to the script. */
        public Builder answer(String text) {
            return answer(ScriptedAnswer.text(text));
        }

        public Builder answer(ScriptedAnswer answer) {
            answers.add(Objects.requireNonNull(answer, "answer"));
            return this;
        }

        /** Adds a complete response; its message, stop reason and usage are kept, the model id is replaced. */
        public Builder answer(ChatResponse response) {
            Objects.requireNonNull(response, "response");
            return answer(ScriptedAnswer.text(response.text())
                    .withToolUses(response.toolUses())
                    .withStopReason(response.stopReason())
                    .withUsage(response.usage()));
        }

        /** Adds text answers to the script, in order. */
        public Builder answers(String... texts) {
            Arrays.stream(texts).forEach(this::answer);
            return this;
        }

        public Builder answers(List<ScriptedAnswer> list) {
            list.forEach(this::answer);
            return this;
        }

        /** Answers every call that the listed answers do not cover; its response's model id is replaced. */
        public Builder respondWith(Function<ChatRequest, ChatResponse> function) {
            this.function = Objects.requireNonNull(function, "function");
            return this;
        }

        /** Like {@link #respondWith} with a text answer computed from the request; usage is estimated. */
        public Builder respondWithText(Function<ChatRequest, String> text) {
            Objects.requireNonNull(text, "text");
            return respondWith(request -> {
                Message message = Message.assistant(text.apply(request));
                return ChatResponse.ofText(message.text(), estimate(request, message), id);
            });
        }

        /** Call number {@code callNumber} (1-based) throws a {@link ModelException} of {@code kind}. */
        public Builder failOnCall(int callNumber, ModelException.Kind kind) {
            if (callNumber < 1) {
                throw new ConfigurationException(
                        "ScriptedChatModel.failOnCall: call numbers start at 1, was " + callNumber);
            }
            failures.put(callNumber, Objects.requireNonNull(kind, "kind"));
            return this;
        }

        /** Characters per streamed text delta; default 16. A surrogate pair is never split. */
        public Builder chunkSize(int chunkSize) {
            if (chunkSize < 1) {
                throw new ConfigurationException("ScriptedChatModel.chunkSize must be positive, was " + chunkSize);
            }
            this.chunkSize = chunkSize;
            return this;
        }

        public ScriptedChatModel build() {
            return new ScriptedChatModel(this);
        }
    }
}
