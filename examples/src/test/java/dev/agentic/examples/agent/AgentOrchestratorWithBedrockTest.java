package dev.agentic.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.bedrock.BedrockChatModel;
import dev.agentic.bedrock.BedrockModels;
import dev.agentic.core.AgentOrchestrator;
import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.sandbox.LocalSandbox;
import dev.agentic.testkit.aws.BedrockReply;
import dev.agentic.testkit.aws.FakeBedrockServer;
import dev.agentic.testkit.aws.RecordedBedrockRequest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@link AgentOrchestrator} led by a Bedrock model that calls the tools, with a second Bedrock model writing
 * the code, the real validator and the real local sandbox; Bedrock is {@link FakeBedrockServer}, reached by
 * the real AWS SDK clients.
 */
class AgentOrchestratorWithBedrockTest {
    private static final String LEAD = BedrockModels.CLAUDE_3_7_SONNET;
    private static final String CODER = BedrockModels.CLAUDE_HAIKU_4_5;

    @Test
    void aBedrockModelCallingToolsGeneratesRunsAndSummarises() {
        try (FakeBedrockServer server = FakeBedrockServer.start();
                LocalSandbox sandbox = LocalSandbox.builder().build();
                BedrockChatModel lead = BedrockChatModel.builder()
                        .modelId(LEAD)
                        .region("us-east-1")
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create("AKIAFAKEFAKEFAKE1234", "fake-secret")))
                        .endpointOverride(server.endpoint())
                        .build()) {
            server.script(
                    LEAD,
                    BedrockReply.toolUse("tooluse_1", "generate_code", "{}"),
                    BedrockReply.toolUse("tooluse_2", "execute_code", "{}"),
                    BedrockReply.text("The sum is 12."));
            server.script(CODER, BedrockReply.text("```python\nprint(sum([2, 4, 6]))\n```"));

            WorkflowResult result = AgentOrchestrator.builder()
                    .model(lead)
                    .generator(ModelGenerator.builder()
                            .model(lead.withModelId(CODER))
                            .build())
                    .executor(Executor.builder().sandbox(sandbox).build())
                    .store(ArtifactStore.inMemory())
                    .build()
                    .run(Task.of("Print the sum of 2, 4 and 6"));

            assertThat(result.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
            assertThat(result.answer()).contains("The sum is 12.");
            assertThat(result.finalResult().orElseThrow().stdout()).isEqualTo("12\n");
            RecordedBedrockRequest afterRun = server.requests(LEAD).get(2);
            assertThat(afterRun.body().at("/toolConfig/tools/0/toolSpec/name").asText())
                    .isEqualTo("generate_code");
            assertThat(afterRun.body().toString()).contains("tooluse_2").contains("SUCCEEDED");
        }
    }
}
