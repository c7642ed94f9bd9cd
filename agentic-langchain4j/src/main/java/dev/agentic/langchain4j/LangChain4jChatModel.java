package dev.agentic.langchain4j;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.secret.Redactor;
import dev.agentic.langchain4j.internal.Conversions;
import dev.agentic.langchain4j.internal.ErrorKinds;
import dev.agentic.langchain4j.internal.StreamBridge;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Any LangChain4j chat model — OpenAI and every OpenAI-compatible server (Ollama, vLLM, LM Studio,
 * llama.cpp), Anthropic, Gemini, Mistral, Azure OpenAI… — as our {@link ChatModel}:
 *
 * <pre>{@code
 * OpenAiChatModel openAi = OpenAiChatModel.builder().apiKey(key).modelName("gpt-4o-mini").build();
 * OpenAiStreamingChatModel streaming = OpenAiStreamingChatModel.builder().apiKey(key).modelName("gpt-4o-mini").build();
 * ChatModel model = LangChain4jChatModel.builder().model(openAi).streamingModel(streaming).build();
 * }</pre>
 *
 * <p>What is carried across: the system prompt, user and assistant messages, tools (our JSON schema ↔
 * LangChain4j's {@code ToolSpecification}), tool calls and their results both ways, max tokens, temperature and
 * stop sequences; back come the text, tool calls, stop reason, token usage (with prompt-cache reads and writes
 * where the vendor's module reports them) and the name of the model that answered. LangChain4j's exceptions
 * become {@link ModelException}s of the kind they describe — rate limit → {@code THROTTLED}, timeout,
 * authentication → {@code ACCESS_DENIED}, unknown model, invalid request, context too long, content filtered,
 * 5xx → {@code SERVER_ERROR} or {@code UNAVAILABLE}, unreachable server → {@code UNAVAILABLE} — so a
 * {@link dev.agentic.core.model.FallbackChatModel} moves across vendors (OpenAI first, a local Ollama second).
 *
 * <p>Streaming uses the {@link #builder() streaming model} when one is given: deltas reach the
 * {@link StreamListener} on the calling thread, in order, as they arrive; without one, the answer is reported
 * as one delta. Retries are the LangChain4j model's own ({@code maxRetries} of its builder).
 *
 * <p>Thread-safe when the LangChain4j models are (their HTTP-based models are). It holds no resources of its
 * own; the LangChain4j models belong to whoever built them.
 */
@Experimental
public final class LangChain4jChatModel implements ChatModel {
    private final dev.langchain4j.model.chat.ChatModel model;
    private final StreamingChatModel streamingModel;
    private final String id;
    private final Redactor redactor;

    private LangChain4jChatModel(Builder b) {
        this.model = b.model;
        this.streamingModel = b.streamingModel;
        this.id = b.id;
        this.redactor = b.redactor;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The wrapped model, or {@code streamingModel} alone. */
    public static LangChain4jChatModel of(dev.langchain4j.model.chat.ChatModel model) {
        return builder().model(model).build();
    }

    @Override
    public String id() {
        return id;
    }

    /** The LangChain4j model that answers plain calls; empty when only a streaming model was given. */
    public Optional<dev.langchain4j.model.chat.ChatModel> model() {
        return Optional.ofNullable(model);
    }

    /** The LangChain4j model that answers streaming calls; empty when none was given. */
    public Optional<StreamingChatModel> streamingModel() {
        return Optional.ofNullable(streamingModel);
    }

    /** @throws ModelException when the model cannot answer, of the kind LangChain4j's exception describes */
    @Override
    public ChatResponse chat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        if (model == null) {
            return chat(request, StreamListener.ignoring());
        }
        dev.langchain4j.model.chat.request.ChatRequest lc = Conversions.toLangChain4j(request);
        dev.langchain4j.model.chat.response.ChatResponse response;
        try {
            response = model.chat(lc);
        } catch (RuntimeException e) {
            throw ErrorKinds.map(e, id, redactor);
        }
        return Conversions.fromLangChain4j(response, id);
    }

    /** @throws ModelException when the model cannot answer, of the kind LangChain4j's exception describes */
    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        if (streamingModel == null) {
            return ChatModel.super.chat(request, listener);
        }
        return StreamBridge.stream(streamingModel, Conversions.toLangChain4j(request), listener, id, redactor);
    }

    @Override
    public String toString() {
        return "LangChain4jChatModel[" + id + "]";
    }

    /** Builds a {@link LangChain4jChatModel}. Not thread-safe. At least one of the two models is required. */
    public static final class Builder {
        private dev.langchain4j.model.chat.ChatModel model;
        private StreamingChatModel streamingModel;
        private String id;
        private Redactor redactor = Redactor.none();

        private Builder() {}

        /** The model for plain calls. */
        public Builder model(dev.langchain4j.model.chat.ChatModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The model for streaming calls (also used for plain calls when no {@link #model} is given). */
        public Builder streamingModel(StreamingChatModel streamingModel) {
            this.streamingModel = Objects.requireNonNull(streamingModel, "streamingModel");
            return this;
        }

        /**
         * Our identifier of the model, in errors and when a response names no model (default: the model name of
         * the LangChain4j model's default request parameters, else {@code "langchain4j"}).
         */
        public Builder id(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank()) {
                throw new ConfigurationException("LangChain4jChatModel.id must not be blank");
            }
            this.id = id;
            return this;
        }

        /**
         * Values masked in the messages of the {@link ModelException}s this model throws — typically the API key
         * the LangChain4j models send, which a server may echo in its error body. When a message of LangChain4j's
         * exception holds one, the {@code ModelException} carries no cause. Default: none.
         *
         * @throws dev.agentic.core.secret.SecretException when a value is shorter than {@link Redactor#MIN_LENGTH}
         */
        public Builder redacting(Collection<String> secretValues) {
            this.redactor = Redactor.of(Objects.requireNonNull(secretValues, "secretValues"));
            return this;
        }

        /** @throws ConfigurationException when neither a model nor a streaming model was given */
        public LangChain4jChatModel build() {
            if (model == null && streamingModel == null) {
                throw new ConfigurationException("LangChain4jChatModel needs a LangChain4j model: call .model(…) "
                        + "with a ChatModel (e.g. OpenAiChatModel from langchain4j-open-ai) or .streamingModel(…)");
            }
            if (id == null) {
                id = defaultId();
            }
            return new LangChain4jChatModel(this);
        }

        private String defaultId() {
            String name = null;
            try {
                if (model != null && model.defaultRequestParameters() != null) {
                    name = model.defaultRequestParameters().modelName();
                }
                if ((name == null || name.isBlank())
                        && streamingModel != null
                        && streamingModel.defaultRequestParameters() != null) {
                    name = streamingModel.defaultRequestParameters().modelName();
                }
            } catch (RuntimeException e) {
                name = null;
            }
            return name == null || name.isBlank() ? "langchain4j" : name;
        }
    }
}
