package dev.agentic.examples.scenarios;

import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.FallbackChatModel;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.langchain4j.LangChain4jChatModel;
import dev.agentic.sandbox.LocalSandbox;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.Objects;

/**
 * LangChain4j models as our {@link ChatModel}: OpenAI first and, when it is rate limited or down, a local
 * OpenAI-compatible server (Ollama, vLLM, llama.cpp) second, behind a {@link FallbackChatModel}, writing the
 * program of an ordinary workflow. Any other LangChain4j model (Anthropic, Gemini, Mistral…) is wrapped the same
 * way.
 *
 * <p>Run: {@code OPENAI_API_KEY=… java -cp … dev.agentic.examples.scenarios.OpenAiCompatibleModels} (with an
 * Ollama at {@code http://localhost:11434/v1} as the second model).
 */
public final class OpenAiCompatibleModels {
    private OpenAiCompatibleModels() {}

    public static void main(String[] args) {
        WorkflowResult result = run(
                "https://api.openai.com/v1",
                Objects.requireNonNullElse(System.getenv("OPENAI_API_KEY"), "no-key"),
                "http://localhost:11434/v1");
        System.out.println(result.status() + ": "
                + result.finalResult().map(r -> r.stdout()).orElse(""));
    }

    /** The workflow with OpenAI's {@code gpt-4o-mini} at {@code openAiUrl}, falling back to a local {@code llama3.2}. */
    public static WorkflowResult run(String openAiUrl, String apiKey, String localUrl) {
        // spotless:off
        // tag::langchain4j-model[]
        ChatModel openAi = LangChain4jChatModel.builder()
                .model(OpenAiChatModel.builder()
                        .baseUrl(openAiUrl).apiKey(apiKey).modelName("gpt-4o-mini").build())
                .streamingModel(OpenAiStreamingChatModel.builder()
                        .baseUrl(openAiUrl).apiKey(apiKey).modelName("gpt-4o-mini").build())
                .build();
        ChatModel local = LangChain4jChatModel.of(OpenAiChatModel.builder()
                .baseUrl(localUrl).apiKey("ollama").modelName("llama3.2").build());
        ChatModel model = FallbackChatModel.of(openAi, local);         // 429/5xx/unreachable -> next

        try (LocalSandbox sandbox = LocalSandbox.builder().build()) {
            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(ModelGenerator.builder().model(model).environment(sandbox.environment()).build())
                    .executor(Executor.builder().sandbox(sandbox).build())
                    .store(ArtifactStore.inMemory())
                    .build();
            return orchestrator.run(Task.builder().description("Print the first ten square numbers").build());
        }
        // end::langchain4j-model[]
        // spotless:on
    }
}
