package dev.agentic.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxCapabilitiesTest {
    private static final Code PY = Code.python("print(1)");

    @Test
    void aDefaultRequestNeedsNoCapability() {
        assertThat(SandboxCapabilities.requiredBy(ExecutionRequest.of(PY))).isEmpty();
    }

    @Test
    void limitsCountAsRequestedOnlyWhenTheyDifferFromTheDefaults() {
        ExecutionRequest sameAsDefault = ExecutionRequest.builder()
                .code(PY)
                .limits(l -> l.memoryBytes(ExecutionLimits.defaults().memoryBytes()))
                .build();
        ExecutionRequest everyLimit = ExecutionRequest.builder()
                .code(PY)
                .limits(l -> l.memoryBytes(1L << 20)
                        .cpuTime(Duration.ofSeconds(1))
                        .maxProcesses(2)
                        .wallTime(Duration.ofSeconds(1))
                        .maxOutputBytes(10)
                        .maxFileSizeBytes(10)
                        .maxDiskBytes(10)
                        .maxOpenFiles(10)
                        .maxOutputFiles(1))
                .build();

        assertThat(SandboxCapabilities.requiredBy(sameAsDefault)).isEmpty();
        assertThat(SandboxCapabilities.requiredBy(everyLimit))
                .containsExactly(
                        SandboxCapability.MEMORY_LIMIT,
                        SandboxCapability.CPU_TIME_LIMIT,
                        SandboxCapability.PROCESS_LIMIT,
                        SandboxCapability.WALL_TIME_LIMIT,
                        SandboxCapability.OUTPUT_LIMIT,
                        SandboxCapability.FILE_SIZE_LIMIT,
                        SandboxCapability.DISK_LIMIT,
                        SandboxCapability.OPEN_FILES_LIMIT);
    }

    @Test
    void networkEnvironmentSecretsAndFilesEachNeedTheirCapability() {
        ExecutionRequest r = ExecutionRequest.builder()
                .code(PY)
                .network(NetworkPolicy.allow("example.com"))
                .environment("A", "b")
                .secret("K", "v")
                .inputFile("in.txt", new byte[0])
                .outputGlob("*.txt")
                .build();

        assertThat(SandboxCapabilities.requiredBy(r))
                .containsExactly(
                        SandboxCapability.HOST_ALLOWLIST,
                        SandboxCapability.ENVIRONMENT,
                        SandboxCapability.SECRETS,
                        SandboxCapability.INPUT_FILES,
                        SandboxCapability.OUTPUT_FILES);
    }

    @Test
    void aSessionNeedsSessionsAndWhatItsOptionsAskFor() {
        SessionOptions o = SessionOptions.builder()
                .language(Language.PYTHON)
                .secret("K", "v")
                .limits(l -> l.memoryBytes(1L << 30))
                .build();

        assertThat(SandboxCapabilities.requiredBy(SessionOptions.of(Language.PYTHON)))
                .containsExactly(SandboxCapability.SESSIONS);
        assertThat(SandboxCapabilities.requiredBy(o))
                .containsExactly(SandboxCapability.SECRETS, SandboxCapability.MEMORY_LIMIT, SandboxCapability.SESSIONS);
    }

    @Test
    void checkNamesTheSandboxTheMissingCapabilityWhatNeedsItAndWhatToDo() {
        SandboxCapabilities caps = SandboxCapabilities.builder()
                .language(Language.PYTHON)
                .capability(SandboxCapability.NETWORK_ISOLATION)
                .build();
        ExecutionRequest r = ExecutionRequest.builder()
                .code(PY)
                .limits(l -> l.cpuTime(Duration.ofSeconds(2)))
                .build();

        assertThatThrownBy(() -> caps.check(r, "RemoteBox[eu]"))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageStartingWith("RemoteBox[eu] cannot honour this request")
                .hasMessageContaining("CPU_TIME_LIMIT (CPU-time limit), needed for limits.cpuTime PT2S (default PT10S)")
                .hasMessageContaining("Use a sandbox whose capabilities() include it");
    }

    @Test
    void checkPassesWhenEverythingNeededIsDeclared() {
        SandboxCapabilities caps = SandboxCapabilities.builder()
                .language(Language.PYTHON)
                .allCapabilities()
                .build();
        ExecutionRequest r = ExecutionRequest.builder()
                .code(PY)
                .network(NetworkPolicy.allow("example.com"))
                .secret("K", "v")
                .limits(l -> l.memoryBytes(1L << 20))
                .build();

        caps.check(r, "full");
        caps.check(SessionOptions.of(Language.PYTHON), "full");
        assertThat(caps.supportsSessions()).isTrue();
    }

    @Test
    void aSessionOnASandboxWithoutSessionsIsRefused() {
        SandboxCapabilities caps =
                SandboxCapabilities.builder().language(Language.PYTHON).build();

        assertThatThrownBy(() -> caps.check(SessionOptions.of(Language.PYTHON), "local"))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("local cannot honour this session")
                .hasMessageContaining("SESSIONS");
    }

    @Test
    void buildNeedsALanguageAndCopiesAreEqual() {
        assertThatThrownBy(() -> SandboxCapabilities.builder().allCapabilities().build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("languages");
        SandboxCapabilities caps = SandboxCapabilities.builder()
                .languages(List.of(Language.JAVA, Language.PYTHON))
                .capability(SandboxCapability.OUTPUT_LIMIT)
                .build();

        assertThat(caps.toBuilder().build()).isEqualTo(caps).hasSameHashCodeAs(caps);
        assertThat(caps.toBuilder()
                        .without(SandboxCapability.OUTPUT_LIMIT)
                        .build()
                        .capabilities())
                .isEmpty();
        assertThat(caps.languages()).containsExactly(Language.PYTHON, Language.JAVA);
        assertThat(caps.runs(Language.JAVASCRIPT)).isFalse();
        assertThat(caps.toString()).contains("OUTPUT_LIMIT", "PYTHON");
    }

    @Test
    void theDefaultOpenSessionRefusesNamingSessions() {
        Sandbox oneShot = new Sandbox() {
            @Override
            public ExecutionResult execute(ExecutionRequest request) {
                return new ExecutionResult.Succeeded(ExecutionOutput.builder().build());
            }

            @Override
            public SandboxCapabilities capabilities() {
                return SandboxCapabilities.builder().language(Language.PYTHON).build();
            }

            @Override
            public void close() {}

            @Override
            public String toString() {
                return "OneShot";
            }
        };

        assertThatThrownBy(() -> oneShot.openSession(o -> o.language(Language.PYTHON)))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("OneShot does not offer stateful sessions")
                .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).missing())
                        .isEqualTo(EnumSet.of(SandboxCapability.SESSIONS)));
    }
}
