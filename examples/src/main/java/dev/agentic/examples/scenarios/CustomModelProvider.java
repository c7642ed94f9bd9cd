package dev.agentic.examples.scenarios;

import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.model.ChatRequest;
import dev.agentic.core.model.ChatResponse;
import dev.agentic.core.model.FallbackChatModel;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.sandbox.LocalSandbox;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plugging in any model: implement {@link ChatModel} ({@code id()} and {@code chat(request)}), map your
 * provider's failures to {@link ModelException} kinds, and the rest of the SDK — fallback chains, the
 * generator, the repair loop, cost accounting — works with it.
 *
 * <p>Here an "in-house model" that is overloaded on its first call sits behind a {@link FallbackChatModel}
 * in front of a second model; the workflow records which model answered.
 */
public final class CustomModelProvider {
    private CustomModelProvider() {}

    /**
     * A stand-in for a provider client: a real one would call its HTTP API here and translate status codes
     * (429 → THROTTLED, 503 → UNAVAILABLE, 400 → INVALID_REQUEST, …).
     */
    static final class InHouseModel implements ChatModel {
        private final String id;
        private final boolean overloadedFirst;
        private final AtomicInteger calls = new AtomicInteger();

        InHouseModel(String id, boolean overloadedFirst) {
            this.id = id;
            this.overloadedFirst = overloadedFirst;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            if (overloadedFirst && calls.incrementAndGet() == 1) {
                throw new ModelException(ModelException.Kind.THROTTLED, id, "429 Too Many Requests; retry later");
            }
            String program = "primes = [n for n in range(2, 60) if all(n % d for d in range(2, int(n ** 0.5) + 1))]\n"
                    + "print(primes[:10])\n";
            String answer = "```python\n" + program + "```";
            return ChatResponse.ofText(
                    answer, new TokenUsage(request.lastUserText().length() / 4, answer.length() / 4), id);
        }
    }

    public static void main(String[] args) {
        run(new PrintWriter(System.out, true));
    }

    /** Runs one task through the fallback chain of two custom models. */
    public static WorkflowResult run(PrintWriter out) {
        ChatModel primary = new InHouseModel("in-house-large", true);
        ChatModel backup = new InHouseModel("in-house-small", false);
        ChatModel chain = FallbackChatModel.builder().models(primary, backup).build();

        try (LocalSandbox sandbox = LocalSandbox.builder().build()) {
            WorkflowResult result = Orchestrator.builder()
                    .generator(ModelGenerator.builder().model(chain).build())
                    .executor(Executor.builder().sandbox(sandbox).build())
                    .store(ArtifactStore.inMemory())
                    .build()
                    .run(Task.of("Print the first ten prime numbers"));

            out.println("answered by: " + result.attempts().get(0).generation().modelId());
            out.println("output: "
                    + result.finalResult().map(r -> r.stdout().strip()).orElse("(none)"));
            out.flush();
            return result;
        }
    }
}
