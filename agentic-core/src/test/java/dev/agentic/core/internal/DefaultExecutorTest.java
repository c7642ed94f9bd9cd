package dev.agentic.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Executor;
import dev.agentic.core.sandbox.ExecutionRequest;
import org.junit.jupiter.api.Test;

/** How the default executor reaches its validators; core's test classpath has no validator provider. */
class DefaultExecutorTest {

    @Test
    void codeInALanguageWithoutAValidatorFailsWithTheArtifactToAddAndNeverRuns() {
        Doubles.MarkerSandbox sandbox = new Doubles.MarkerSandbox();
        Executor executor = Executor.builder().sandbox(sandbox).build();

        assertThatThrownBy(() -> executor.execute(ExecutionRequest.of(Code.python("print(1)\n"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("No validator for PYTHON; add dev.agentic:agentic-validate, or call "
                        + "Executor.builder().validator(…).");
        assertThat(sandbox.requests).isEmpty();
    }

    @Test
    void explicitValidatorNeedsNoProvider() {
        Doubles.MarkerSandbox sandbox = new Doubles.MarkerSandbox();
        Executor executor = Executor.builder().sandbox(sandbox).validator(new Doubles.MarkerValidator()).build();

        ExecutionOutcome outcome = executor.execute(ExecutionRequest.of(Code.python("print(1)\n")));

        assertThat(outcome).isInstanceOf(ExecutionOutcome.Ran.class);
        assertThat(sandbox.requests).hasSize(1);
    }
}
