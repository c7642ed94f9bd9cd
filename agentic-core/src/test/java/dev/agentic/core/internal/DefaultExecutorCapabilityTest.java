package dev.agentic.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.ExecutionOutcome;
import dev.agentic.core.Executor;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DefaultExecutorCapabilityTest {
    private final AtomicInteger validations = new AtomicInteger();

    /** Succeeds at once and records what reached it; declares what it is built with. */
    private static final class DeclaringSandbox implements Sandbox {
        final List<ExecutionRequest> received = new CopyOnWriteArrayList<>();
        private final SandboxCapabilities capabilities;

        DeclaringSandbox(SandboxCapabilities capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public ExecutionResult execute(ExecutionRequest request) {
            received.add(request);
            return new ExecutionResult.Succeeded(ExecutionOutput.of("ran\n", "", Duration.ZERO));
        }

        @Override
        public SandboxCapabilities capabilities() {
            return capabilities;
        }

        @Override
        public void close() {}

        @Override
        public String toString() {
            return "DeclaringSandbox";
        }
    }

    private Executor executorOn(Sandbox sandbox) {
        return Executor.builder()
                .sandbox(sandbox)
                .validator(counting(Language.PYTHON))
                .validator(counting(Language.JAVA))
                .build();
    }

    private CodeValidator counting(Language language) {
        return new CodeValidator() {
            @Override
            public Language language() {
                return language;
            }

            @Override
            public ValidationResult validate(Code code, NetworkPolicy network) {
                validations.incrementAndGet();
                return new ValidationResult(language, List.of(), Duration.ZERO);
            }
        };
    }

    private static DeclaringSandbox sandboxWith(SandboxCapability... capabilities) {
        return new DeclaringSandbox(SandboxCapabilities.builder()
                .language(Language.PYTHON)
                .capabilities(List.of(capabilities))
                .build());
    }

    private static ExecutionRequest.Builder python() {
        return ExecutionRequest.builder().code(Code.python("print(1)"));
    }

    @Test
    void allowedHostsOnASandboxWithoutAllowlistAreRefusedAfterValidationBeforeTheRun() {
        DeclaringSandbox sandbox = sandboxWith(SandboxCapability.NETWORK_ISOLATION);

        assertThatThrownBy(() -> executorOn(sandbox)
                        .execute(python().network(NetworkPolicy.allow("api.stripe.com"))
                                .build()))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("DeclaringSandbox")
                .hasMessageContaining("HOST_ALLOWLIST")
                .hasMessageContaining("api.stripe.com")
                .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).missing())
                        .containsExactly(SandboxCapability.HOST_ALLOWLIST));
        assertThat(validations).hasValue(1);
        assertThat(sandbox.received).isEmpty();
    }

    @Test
    void secretsMemoryAndFilesEachNeedTheirCapabilityAndAllMissingOnesAreNamed() {
        DeclaringSandbox sandbox = sandboxWith(SandboxCapability.ENVIRONMENT);
        ExecutionRequest request = python().secret("API_KEY", "sk-1")
                .environment("REGION", "eu")
                .limits(l -> l.memoryBytes(128L << 20))
                .inputFile("in.csv", new byte[1])
                .outputGlob("*.json")
                .build();

        assertThatThrownBy(() -> executorOn(sandbox).execute(request))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("SECRETS")
                .hasMessageContaining("MEMORY_LIMIT")
                .hasMessageContaining("memoryBytes 134217728")
                .hasMessageContaining("INPUT_FILES")
                .hasMessageContaining("OUTPUT_FILES")
                .hasMessageNotContaining("sk-1")
                .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).missing())
                        .containsExactly(
                                SandboxCapability.SECRETS,
                                SandboxCapability.MEMORY_LIMIT,
                                SandboxCapability.INPUT_FILES,
                                SandboxCapability.OUTPUT_FILES));
        assertThat(sandbox.received).isEmpty();
    }

    @Test
    void aLanguageTheSandboxDoesNotRunIsRefusedNamingWhatItRuns() {
        DeclaringSandbox sandbox = sandboxWith();

        assertThatThrownBy(() -> executorOn(sandbox).execute(ExecutionRequest.of(Code.java("class Main {}"))))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("does not run JAVA")
                .hasMessageContaining("[PYTHON]")
                .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).unsupportedLanguage())
                        .contains(Language.JAVA));
        assertThat(sandbox.received).isEmpty();
    }

    @Test
    void aPlainRequestWithDefaultLimitsRunsOnASandboxThatDeclaresNothing() {
        DeclaringSandbox sandbox = sandboxWith();

        ExecutionOutcome outcome = executorOn(sandbox).execute(python().build());

        assertThat(outcome).isInstanceOf(ExecutionOutcome.Ran.class);
        assertThat(validations).hasValue(1);
        assertThat(sandbox.received).hasSize(1);
    }

    @Test
    void aRequestWithinTheDeclaredCapabilitiesRuns() {
        DeclaringSandbox sandbox = sandboxWith(
                SandboxCapability.HOST_ALLOWLIST, SandboxCapability.SECRETS, SandboxCapability.WALL_TIME_LIMIT);

        ExecutionOutcome outcome = executorOn(sandbox)
                .execute(python().network(NetworkPolicy.allow("api.stripe.com"))
                        .secret("API_KEY", "sk-1")
                        .limits(l -> l.wallTime(Duration.ofSeconds(5)))
                        .build());

        assertThat(outcome).isInstanceOf(ExecutionOutcome.Ran.class);
        assertThat(sandbox.received).hasSize(1);
    }
}
