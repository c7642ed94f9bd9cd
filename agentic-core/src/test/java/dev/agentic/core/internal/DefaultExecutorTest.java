package dev.agentic.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Executor;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.validate.ValidationPolicy;
import org.junit.jupiter.api.Test;

/** How the default executor reaches its validators; core's test classpath has no validator provider. */
class DefaultExecutorTest {
    private final Doubles.MarkerSandbox sandbox = new Doubles.MarkerSandbox();

    @Test
    void byDefaultAProgramWithAnErrorFindingNeverReachesTheSandbox() {
        Executor executor = Executor.builder()
                .sandbox(sandbox)
                .validator(new Doubles.MarkerValidator())
                .build();

        ExecutionOutcome outcome = executor.execute(r -> r.code(new Code(Language.PYTHON, "FORBIDDEN()")));

        assertThat(outcome).isInstanceOf(ExecutionOutcome.Rejected.class);
        assertThat(sandbox.requests).isEmpty();
    }

    @Test
    void codeInALanguageWithoutAValidatorFailsWithTheArtifactToAddAndNeverRuns() {
        Executor executor = Executor.builder().sandbox(sandbox).build();

        assertThatThrownBy(() -> executor.execute(ExecutionRequest.of(Code.python("print(1)\n"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("No validator for PYTHON; add dev.agentic:agentic-validate, or call "
                        + "Executor.builder().validator(…).");
        assertThat(sandbox.requests).isEmpty();
    }

    @Test
    void explicitValidatorNeedsNoProvider() {
        Executor executor = Executor.builder()
                .sandbox(sandbox)
                .validator(new Doubles.MarkerValidator())
                .build();

        ExecutionOutcome outcome = executor.execute(ExecutionRequest.of(Code.python("print(1)\n")));

        assertThat(outcome).isInstanceOf(ExecutionOutcome.Ran.class);
        assertThat(sandbox.requests).hasSize(1);
    }

    @Test
    void skipValidationRunsTheProgramWithAnEmptyVerdict() {
        Executor executor = Executor.builder().sandbox(sandbox).skipValidation().build();

        ExecutionOutcome outcome = executor.execute(r -> r.code(new Code(Language.PYTHON, "import subprocess")));

        assertThat(outcome).isInstanceOf(ExecutionOutcome.Ran.class);
        assertThat(outcome.validation().findings()).isEmpty();
        assertThat(sandbox.requests).hasSize(1);
        assertThat(executor.toString()).contains("validation skipped");
    }

    @Test
    void skipValidationWithAValidatorOrPolicyIsAConfigurationError() {
        assertThatThrownBy(() -> Executor.builder()
                        .sandbox(sandbox)
                        .skipValidation()
                        .validator(new Doubles.MarkerValidator())
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("skipValidation()");
        assertThatThrownBy(() -> Executor.builder()
                        .sandbox(sandbox)
                        .validationPolicy(ValidationPolicy.strict())
                        .skipValidation()
                        .build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("validationPolicy(...)");
    }
}
