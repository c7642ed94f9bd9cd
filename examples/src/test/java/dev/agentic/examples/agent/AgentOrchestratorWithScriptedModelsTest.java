package dev.agentic.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.AgentOrchestrator;
import dev.agentic.core.Attempt;
import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.model.ContentBlock;
import dev.agentic.core.store.ArtifactStore;
import dev.agentic.fakes.ScriptedAnswer;
import dev.agentic.fakes.ScriptedChatModel;
import dev.agentic.sandbox.LocalSandbox;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AgentOrchestrator} led by a {@link ScriptedChatModel} that calls the tools, with a second scripted
 * model writing the code, the real validator and the real local sandbox.
 */
class AgentOrchestratorWithScriptedModelsTest {
    private final LocalSandbox sandbox = LocalSandbox.builder().build();

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void leadingModelGeneratesRunsRepairsAndSummarises() {
        ScriptedChatModel lead = ScriptedChatModel.builder()
                .id("lead")
                .answer(ScriptedAnswer.toolUse("generate_code", "{}"))
                .answer(ScriptedAnswer.toolUse("execute_code", "{}"))
                .answer(ScriptedAnswer.toolUse("generate_code", "{\"instructions\":\"divide by the count\"}"))
                .answer(ScriptedAnswer.toolUse("execute_code", "{}"))
                .answer(ScriptedAnswer.text("The average is 4.0."))
                .build();
        ScriptedChatModel coder = ScriptedChatModel.of(
                "```python\nvalues = [2, 4, 6]\nprint(sum(values) / undefined_count)\n```",
                "```python\nvalues = [2, 4, 6]\nprint(sum(values) / len(values))\n```");

        WorkflowResult result = AgentOrchestrator.builder()
                .model(lead)
                .generator(ModelGenerator.builder().model(coder).build())
                .executor(Executor.builder().sandbox(sandbox).build())
                .store(ArtifactStore.inMemory())
                .build()
                .run(Task.of("Print the average of 2, 4 and 6"));

        assertThat(result.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(result.answer()).contains("The average is 4.0.");
        assertThat(result.attempts())
                .extracting(Attempt::outcome)
                .containsExactly(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCEEDED);
        assertThat(result.finalResult().orElseThrow().stdout()).isEqualTo("4.0\n");
        assertThat(result.modelCalls())
                .isEqualTo(lead.callCount() + coder.callCount())
                .isEqualTo(7);
        // the failed run reached the leading model as a tool result, and the coder's repair prompt saw it too
        List<ContentBlock> afterFirstRun = lead.requests()
                .get(2)
                .messages()
                .get(lead.requests().get(2).messages().size() - 1)
                .content();
        assertThat(((ContentBlock.ToolResult) afterFirstRun.get(0)).content()).contains("FAILED", "NameError");
        assertThat(coder.lastRequest().lastUserText()).contains("NameError", "divide by the count");
        assertThat(lead.requests().get(0).tools())
                .extracting(t -> t.name())
                .containsExactly("generate_code", "execute_code");
    }
}
