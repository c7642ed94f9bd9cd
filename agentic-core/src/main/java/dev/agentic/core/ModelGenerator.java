package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import dev.agentic.core.internal.PluginCalls;
import dev.agentic.core.internal.generate.CodeExtractor;
import dev.agentic.core.internal.generate.Prompts;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.model.ModelCall;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.StopReason;
import dev.agentic.core.model.StreamListener;
import dev.agentic.core.sandbox.SandboxEnvironment;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link Generator}: one {@link ChatModel} call per {@link #generate}, with a system prompt per
 * language, a user prompt carrying the task (secret <em>names</em> only, allowed hosts, files, earlier
 * turns) and, on repair, the previous code with the precise feedback. The program is extracted from the
 * answer (fenced blocks with or without a tag, several blocks, {@code <code>} tags, bare code, truncated
 * answers); an answer without a program is a {@link GenerationResult.NoCode}, never an exception.
 *
 * <p>The model's text is streamed to {@link GenerationRequest#listener()} as it arrives (all of it, prose
 * included; the extracted program is in the result).
 *
 * <p>Immutable and thread-safe. It does not own the model: closing the model's client is the caller's job.
 *
 * <pre>{@code
 * Generator generator = ModelGenerator.builder().model(FallbackChatModel.of(primary, backup)).build();
 * GenerationResult result = generator.generate(GenerationRequest.first(Task.of("Print the first 10 primes")));
 * }</pre>
 */
@Stable
public final class ModelGenerator implements Generator {
    private final ChatModel model;
    private final int maxTokens;
    private final Double temperature;
    private final Map<Language, String> systemPrompts;
    private final SandboxEnvironment environment;

    private ModelGenerator(Builder b) {
        this.environment = b.environment;
        this.model = b.model;
        this.maxTokens = b.maxTokens;
        this.temperature = b.temperature;
        this.systemPrompts = new EnumMap<>(b.systemPrompts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model this generator calls. */
    public ChatModel model() {
        return model;
    }

    /**
     * Calls the model once and extracts the program.
     *
     * @throws ModelException when the model cannot answer
     */
    @Override
    public GenerationResult generate(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        ChatRequest chat = chatRequest(request);
        StreamListener target = request.listener();
        ChatResponse response = PluginCalls.model(
                "ChatModel[" + model.id() + "]",
                () -> model.chat(chat, new StreamListener() {
                    @Override
                    public void onText(String delta) {
                        target.onText(delta);
                    }

                    @Override
                    public void onToolUse(ContentBlock.ToolUse toolUse) {
                        target.onToolUse(toolUse);
                    }

                    @Override
                    public void onModelCall(ModelCall call) {
                        target.onModelCall(call);
                    }

                    @Override
                    public void onComplete(ChatResponse complete) {
                        target.onComplete(complete);
                    }
                }));
        String text = response.text();
        Language language = request.task().language();
        CodeExtractor.Extraction extraction =
                CodeExtractor.extract(text, language, response.stopReason() == StopReason.MAX_TOKENS);
        if (!extraction.isFound()) {
            return new GenerationResult.NoCode(extraction.reason(), text, response.usage(), response.modelId());
        }
        return new GenerationResult.Generated(
                new Code(language, extraction.code()),
                text,
                response.usage(),
                response.modelId(),
                extraction.truncated());
    }

    /** The request {@link #generate} sends for {@code request}; exposed so tests and tools can inspect it. */
    public ChatRequest chatRequest(GenerationRequest request) {
        Objects.requireNonNull(request, "request");
        Language language = request.task().language();
        ChatRequest.Builder b = ChatRequest.builder()
                .system(systemPrompts.getOrDefault(
                        language, Prompts.system(language, Optional.ofNullable(environment))))
                .user(Prompts.user(request))
                .maxTokens(maxTokens);
        if (temperature != null) {
            b.temperature(temperature);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "ModelGenerator[" + model.id() + ", maxTokens=" + maxTokens + "]";
    }

    /** Builder for {@link ModelGenerator}; not thread-safe. {@link #model} is required. */
    public static final class Builder {
        private ChatModel model;
        private int maxTokens = 4096;
        private Double temperature;
        private final Map<Language, String> systemPrompts = new EnumMap<>(Language.class);
        private SandboxEnvironment environment;

        private Builder() {}

        public Builder model(ChatModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The answer's token budget (default 4096); a program cut off by it is marked truncated. */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 1) {
                throw new ConfigurationException("ModelGenerator.maxTokens must be positive, was " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /** Sampling temperature within 0..2; the model's default when not set. */
        public Builder temperature(double temperature) {
            if (temperature < 0 || temperature > 2) {
                throw new ConfigurationException("ModelGenerator.temperature must be within 0..2, was " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /**
         * What the sandbox offers programs (runtime, importable third-party modules), so the built-in system
         * prompt names what is there instead of guessing; usually {@code sandbox.environment()}. Without it the
         * prompt asks for the standard library only.
         */
        public Builder environment(SandboxEnvironment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** Same as {@link #environment(SandboxEnvironment)} when present; nothing when empty. */
        public Builder environment(Optional<SandboxEnvironment> environment) {
            Objects.requireNonNull(environment, "environment").ifPresent(this::environment);
            return this;
        }

        /** Replaces the built-in system prompt for {@code language}. */
        public Builder systemPrompt(Language language, String prompt) {
            Objects.requireNonNull(language, "language");
            if (prompt == null || prompt.isBlank()) {
                throw new ConfigurationException(
                        "ModelGenerator.systemPrompt for " + language.id() + " must not be blank");
            }
            systemPrompts.put(language, prompt);
            return this;
        }

        public ModelGenerator build() {
            if (model == null) {
                throw new ConfigurationException("ModelGenerator.model must be set: pass the ChatModel that "
                        + "writes the code (for example FallbackChatModel.of(primary, backup)).");
            }
            return new ModelGenerator(this);
        }
    }
}
