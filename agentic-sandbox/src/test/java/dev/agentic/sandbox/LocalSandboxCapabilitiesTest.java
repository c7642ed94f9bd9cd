package dev.agentic.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.Executor;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionRequest;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxCapabilities;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.SessionOptions;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.sandbox.internal.SandboxRuntime;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link LocalSandbox} declares it enforces in each isolation mode, and that the executor holds it to that. */
class LocalSandboxCapabilitiesTest {
    private static final Set<SandboxCapability> NEVER_WITHOUT_ISOLATION = EnumSet.of(
            SandboxCapability.NETWORK_ISOLATION,
            SandboxCapability.HOST_ALLOWLIST,
            SandboxCapability.FILESYSTEM_ISOLATION,
            SandboxCapability.PROCESS_LIMIT,
            SandboxCapability.DISK_LIMIT,
            SandboxCapability.SESSIONS);

    @Test
    void bubblewrapDeclaresEveryCapabilityIncludingSessionsAndBothLanguages() {
        try (LocalSandbox sandbox = LocalSandbox.builder().build()) {
            SandboxCapabilities caps = sandbox.capabilities();

            assertThat(caps.capabilities()).isEqualTo(EnumSet.allOf(SandboxCapability.class));
            assertThat(caps.languages()).contains(Language.PYTHON, Language.JAVA);
            assertThat(caps.supportsSessions()).isTrue();
        }
    }

    @Test
    void isolationNoneClaimsNoIsolationAndNoLimitItCannotHold(@TempDir Path scratch) {
        try (LocalSandbox sandbox = LocalSandbox.builder()
                .isolation(Isolation.NONE)
                .scratchRoot(scratch)
                .build()) {
            SandboxCapabilities caps = sandbox.capabilities();

            assertThat(caps.capabilities())
                    .doesNotContainAnyElementsOf(NEVER_WITHOUT_ISOLATION)
                    .contains(
                            SandboxCapability.WALL_TIME_LIMIT,
                            SandboxCapability.OUTPUT_LIMIT,
                            SandboxCapability.ENVIRONMENT,
                            SandboxCapability.SECRETS,
                            SandboxCapability.INPUT_FILES,
                            SandboxCapability.OUTPUT_FILES);
        }
    }

    @Test
    void withoutIsolationTheRlimitCapabilitiesDependOnPrlimit() {
        Set<Language> py = Set.of(Language.PYTHON);
        Set<SandboxCapability> rlimits = EnumSet.of(
                SandboxCapability.MEMORY_LIMIT,
                SandboxCapability.CPU_TIME_LIMIT,
                SandboxCapability.FILE_SIZE_LIMIT,
                SandboxCapability.OPEN_FILES_LIMIT);

        assertThat(SandboxRuntime.capabilities(false, true, py).capabilities())
                .containsAll(rlimits)
                .doesNotContainAnyElementsOf(NEVER_WITHOUT_ISOLATION);
        assertThat(SandboxRuntime.capabilities(false, false, py).capabilities())
                .doesNotContainAnyElementsOf(rlimits)
                .doesNotContainAnyElementsOf(NEVER_WITHOUT_ISOLATION);
    }

    @Test
    void theExecutorRefusesAnAllowlistOnAnUnisolatedSandboxInsteadOfIgnoringIt(@TempDir Path scratch) {
        try (LocalSandbox sandbox = LocalSandbox.builder()
                .isolation(Isolation.NONE)
                .scratchRoot(scratch)
                .build()) {
            Executor executor = Executor.builder().sandbox(sandbox).build();
            ExecutionRequest request = ExecutionRequest.builder()
                    .code(Code.python("print(1)"))
                    .network(NetworkPolicy.allow("api.stripe.com"))
                    .build();

            assertThatThrownBy(() -> executor.execute(request))
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining("LocalSandbox[NONE")
                    .hasMessageContaining("HOST_ALLOWLIST");
        }
    }

    @Test
    void withoutIsolationSessionsAreRefusedWithTheMissingCapability(@TempDir Path scratch) {
        try (LocalSandbox sandbox = LocalSandbox.builder()
                .isolation(Isolation.NONE)
                .scratchRoot(scratch)
                .build()) {
            assertThatThrownBy(() -> sandbox.openSession(SessionOptions.of(Language.PYTHON)))
                    .isInstanceOf(UnsupportedCapabilityException.class)
                    .hasMessageContaining("SESSIONS");
        }
    }
}
