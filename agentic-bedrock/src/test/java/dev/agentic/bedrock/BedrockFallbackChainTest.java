package dev.agentic.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.PriceTable;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.event.WorkflowEvent;
import dev.agentic.core.model.ModelCall;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.model.TokenUsage;
import dev.agentic.core.store.InMemoryArtifactStore;
import dev.agentic.fakes.ScriptedSandbox;
import dev.agentic.testkit.aws.BedrockReply;
import dev.agentic.testkit.aws.FakeBedrockServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

class BedrockFallbackChainTest {
    private static final String ANSWER = "```python\nprint('hello')\n```";

    @Test
    void theDefaultChainAnswersFromTheThirdModelWhenTheFirstIsThrottledAndTheSecondUnavailable() {
        try (FakeBedrockServer server = FakeBedrockServer.start();
                BedrockRuntimeClient client = FakeClients.sync(server.endpoint());
                BedrockRuntimeAsyncClient async = FakeClients.async(server.endpoint());
                BedrockChatModel bedrock = BedrockChatModel.builder()
                        .modelId(BedrockModels.CLAUDE_3_7_SONNET)
                        .client(client)
                        .asyncClient(async)
                        .build()) {
            server.script(BedrockModels.CLAUDE_3_7_SONNET, BedrockReply.error(429, "ThrottlingException", "slow"));
            server.script(BedrockModels.NOVA_PREMIER, BedrockReply.error(503, "ServiceUnavailableException", "down"));
            server.script(
                    BedrockModels.CLAUDE_3_5_SONNET, BedrockReply.text(ANSWER).withUsage(100, 20, 0, 0));
            List<WorkflowEvent> events = new CopyOnWriteArrayList<>();

            WorkflowResult result = Orchestrator.builder()
                    .generator(ModelGenerator.builder()
                            .model(BedrockModels.defaultFallback(bedrock))
                            .build())
                    .executor(Executor.builder()
                            .sandbox(
                                    ScriptedSandbox.builder().succeed("hello\n").build())
                            .build())
                    .store(new InMemoryArtifactStore())
                    .priceTable(BedrockModels.withPrices(PriceTable.defaults()))
                    .listener(events::add)
                    .build()
                    .run(Task.builder().description("Print hello").build());

            assertThat(result.succeeded()).as("result %s", result).isTrue();
            List<ModelCall> calls = events.stream()
                    .filter(WorkflowEvent.ModelCalled.class::isInstance)
                    .map(e -> ((WorkflowEvent.ModelCalled) e).call())
                    .toList();
            assertThat(calls).extracting(ModelCall::modelId).containsExactlyElementsOf(BedrockModels.DEFAULT_FALLBACK);
            assertThat(calls)
                    .extracting(c -> c.failure().orElse(null))
                    .containsExactly(ModelException.Kind.THROTTLED, ModelException.Kind.UNAVAILABLE, null);
            assertThat(calls.get(2).chainPosition()).isEqualTo(2);
            assertThat(calls.get(2).usage()).isEqualTo(new TokenUsage(100, 20));
            assertThat(result.estimatedCostUsd()).isPresent();
            assertThat(server.requests())
                    .extracting(r -> r.modelId())
                    .containsExactlyElementsOf(BedrockModels.DEFAULT_FALLBACK);
        }
    }
}
