package dev.agentic.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.agentic.core.Conversation;
import dev.agentic.core.Executor;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.store.InMemoryArtifactStore;
import dev.agentic.fakes.ScriptedSandbox;
import dev.agentic.testkit.aws.BedrockReply;
import dev.agentic.testkit.aws.FakeBedrockServer;
import dev.agentic.testkit.aws.RecordedBedrockRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class BedrockAgentGeneratorTest {
    private static final String AGENT = "AGENT12345";
    private static final String ALIAS = "ALIAS67890";

    private static BedrockAgentGenerator agent(FakeBedrockServer server) {
        return BedrockAgentGenerator.builder()
                .agentId(AGENT)
                .aliasId(ALIAS)
                .region("us-east-1")
                .credentialsProvider(FakeClients.CREDENTIALS)
                .endpointOverride(server.endpoint())
                .build();
    }

    @Test
    void anAgentCompletesATaskAndAFollowUpInTheSameSession() {
        try (FakeBedrockServer server = FakeBedrockServer.start();
                BedrockAgentGenerator agent = agent(server)) {
            server.script(
                    AGENT + "/" + ALIAS,
                    BedrockReply.text("Here it is:\n```python\nprint('Alice')\n```\n"),
                    BedrockReply.text("```python\nprint('Alice', 'alice@example.com')\n```"));
            Conversation conversation = Orchestrator.builder()
                    .generator(agent)
                    .executor(Executor.builder()
                            .sandbox(ScriptedSandbox.builder()
                                    .succeed("Alice\n")
                                    .succeed("Alice alice@example.com\n")
                                    .build())
                            .build())
                    .store(new InMemoryArtifactStore())
                    .build()
                    .conversation();

            WorkflowResult first = conversation.run(Task.of("Create a customer named Alice"));
            WorkflowResult second = conversation.followUp("Now also set her email");

            assertThat(first.succeeded()).as("%s", first).isTrue();
            assertThat(second.succeeded()).as("%s", second).isTrue();
            assertThat(second.finalCode().orElseThrow().source()).contains("alice@example.com");
            List<RecordedBedrockRequest> calls = server.requests(AGENT + "/" + ALIAS);
            assertThat(calls).hasSize(2);
            assertThat(calls.get(0).path()).isEqualTo(calls.get(1).path());
            assertThat(calls.get(0).body().get("inputText").asText()).contains("Alice");
            assertThat(calls.get(1).body().get("inputText").asText()).contains("email");
        }
    }

    @Test
    void agentErrorsAreModelExceptionsOfTheirKind() {
        try (FakeBedrockServer server = FakeBedrockServer.start();
                BedrockAgentGenerator agent = agent(server)) {
            server.script(AGENT + "/" + ALIAS, BedrockReply.error(403, "AccessDeniedException", "no access"));

            Orchestrator orchestrator = Orchestrator.builder()
                    .generator(agent)
                    .executor(Executor.builder()
                            .sandbox(ScriptedSandbox.builder().succeed("x").build())
                            .build())
                    .store(new InMemoryArtifactStore())
                    .build();

            ModelException e = catchThrowableOfType(ModelException.class, () -> orchestrator.run(Task.of("anything")));

            assertThat(e.kind()).isEqualTo(ModelException.Kind.ACCESS_DENIED);
            assertThat(e.getMessage())
                    .contains(AGENT)
                    .contains("AccessDeniedException")
                    .contains("InvokeAgent");
        }
    }
}
