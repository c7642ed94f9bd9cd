package dev.agentic.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Executor;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Orchestrator;
import dev.agentic.core.Task;
import dev.agentic.core.WorkflowResult;
import dev.agentic.core.WorkflowStatus;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.store.InMemoryArtifactStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default pipeline with the real {@link ModelGenerator}: what the model is actually sent. */
class PipelineWithModelGeneratorTest {
    private static final String SECRET = "sk_test_pipelineSecret42";

    private WorkflowResult run(Doubles.ListModel model, int maxAttempts) {
        return Orchestrator.builder()
                .generator(ModelGenerator.builder().model(model).build())
                .executor(Executor.builder()
                        .sandbox(new Doubles.MarkerSandbox())
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .store(new InMemoryArtifactStore())
                .secrets(SecretProvider.fromMap(Map.of("key", SECRET)))
                .maxAttempts(maxAttempts)
                .build()
                .run(Task.builder()
                        .description("Create a customer")
                        .secret("API_KEY", SecretRef.of("key"))
                        .build());
    }

    @Test
    void happyPathMakesExactlyOneModelCall() {
        Doubles.ListModel model = new Doubles.ListModel("Here it is:\n```python\nprint('ok')\n```\n");
        WorkflowResult result = run(model, 3);

        assertThat(result.status()).isEqualTo(WorkflowStatus.SUCCEEDED);
        assertThat(model.requests).hasSize(1);
        assertThat(result.modelCalls()).isEqualTo(1);
        assertThat(result.usage().inputTokens()).isEqualTo(200);
        assertThat(result.finalCode().orElseThrow().source()).isEqualTo("print('ok')\n");
    }

    @Test
    void repairPromptAfterAValidationFindingContainsTheFinding() {
        Doubles.ListModel model =
                new Doubles.ListModel("```python\nx = 1\nFORBIDDEN()\n```", "```python\nallowed()\n```");
        run(model, 3);

        assertThat(model.requests).hasSize(2);
        assertThat(model.prompt(1)).contains("FORBIDDEN()", "line 2:1", "denied-call", "use allowed()");
    }

    @Test
    void repairPromptAfterAFailedRunContainsTheStderrTail() {
        Doubles.ListModel model = new Doubles.ListModel("```python\nFAIL\n```", "```python\nok()\n```");
        WorkflowResult result = run(model, 3);

        assertThat(result.succeeded()).isTrue();
        assertThat(model.prompt(1)).contains("KeyError: 'customer_id'", "FAIL");
    }

    @Test
    void secretValueIsNeverSentToTheModelOnlyItsVariableName() {
        Doubles.ListModel model = new Doubles.ListModel("```python\nPRINT_SECRET\n```", "unused");
        run(model, 1);

        assertThat(model.prompt(0)).contains("API_KEY").doesNotContain(SECRET);
    }

    @Test
    void answerWithoutCodeIsRepairedNotThrown() {
        Doubles.ListModel model = new Doubles.ListModel("I would rather not.", "```python\nok()\n```");
        WorkflowResult result = run(model, 2);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.attempts()).hasSize(2);
    }
}
