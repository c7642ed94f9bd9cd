package dev.agentic.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.Code;
import dev.agentic.core.Feedback;
import dev.agentic.core.GenerationRequest;
import dev.agentic.core.GenerationResult;
import dev.agentic.core.ModelGenerator;
import dev.agentic.core.Task;
import dev.agentic.core.model.FallbackChatModel;
import dev.agentic.core.model.ModelException;
import dev.agentic.core.secret.SecretRef;
import dev.agentic.core.validate.Finding;
import dev.agentic.core.validate.RuleId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default generator driven by scripted models, as a host's tests would use it. */
class ModelGeneratorWithScriptedModelTest {
    private static final Task TASK = Task.builder()
            .description("Create a Stripe customer named Alice")
            .integration("stripe")
            .secret("STRIPE_API_KEY", SecretRef.of("stripe/test-key", "api_key"))
            .allowHost("api.stripe.com")
            .build();

    @Test
    void throttledPrimaryFallsBackAndTheResultNamesTheBackup() {
        ScriptedChatModel primary = ScriptedChatModel.builder()
                .id("sonnet")
                .failOnCall(1, ModelException.Kind.THROTTLED)
                .build();
        ScriptedChatModel backup = ScriptedChatModel.builder()
                .id("nova")
                .answer("```python\nprint('created')\n```")
                .build();
        ModelGenerator generator = ModelGenerator.builder()
                .model(FallbackChatModel.builder()
                        .models(primary, backup)
                        .sleeper(d -> {})
                        .build())
                .build();

        GenerationResult result = generator.generate(GenerationRequest.first(TASK));

        assertThat(result.modelId()).isEqualTo("nova");
        assertThat(result)
                .isInstanceOfSatisfying(
                        GenerationResult.Generated.class,
                        g -> assertThat(g.code()).isEqualTo(Code.python("print('created')\n")));
        assertThat(primary.callCount()).isEqualTo(1);
        assertThat(backup.lastRequest().lastUserText())
                .contains("STRIPE_API_KEY", "api.stripe.com")
                .doesNotContain("stripe/test-key");
    }

    @Test
    void repairCallCarriesTheFindingToTheModel() {
        ScriptedChatModel model = ScriptedChatModel.of("```python\nprint('fixed')\n```");
        Feedback rejected = new Feedback.Rejected(
                Code.python("import subprocess\n"),
                List.of(Finding.error(RuleId.DENIED_IMPORT, "import of 'subprocess' is not allowed", 1, 1)));

        GenerationResult result = ModelGenerator.builder()
                .model(model)
                .build()
                .generate(GenerationRequest.builder()
                        .task(TASK)
                        .feedback(rejected)
                        .attempt(2)
                        .build());

        assertThat(result).isInstanceOf(GenerationResult.Generated.class);
        assertThat(model.callCount()).isEqualTo(1);
        assertThat(model.lastRequest().lastUserText())
                .contains("import subprocess", "line 1:1 [denied-import] import of 'subprocess' is not allowed");
    }

    @Test
    void streamedDeltasReachTheGenerationListener() {
        String answer = "```python\nprint('a long enough line to need several chunks')\n```";
        ScriptedChatModel model =
                ScriptedChatModel.builder().chunkSize(8).answer(answer).build();
        StringBuilder streamed = new StringBuilder();

        ModelGenerator.builder()
                .model(model)
                .build()
                .generate(GenerationRequest.builder()
                        .task(TASK)
                        .listener(streamed::append)
                        .build());

        assertThat(streamed.toString()).isEqualTo(answer);
    }
}
