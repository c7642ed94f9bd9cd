package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Language;
import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.SandboxCapability;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import org.junit.jupiter.api.Test;

class MemoryLimitTest {
    private static final long MIB = 1024L * 1024;

    @Test
    void javaHeapIsHalfTheLimitButLeavesRoomForTheRestOfTheJvm() {
        assertThat(MemoryLimit.javaHeapMiB(96 * MIB)).isEqualTo(24);
        assertThat(MemoryLimit.javaHeapMiB(128 * MIB)).isEqualTo(56);
        assertThat(MemoryLimit.javaHeapMiB(256 * MIB)).isEqualTo(128);
        assertThat(MemoryLimit.javaHeapMiB(512 * MIB)).isEqualTo(256);
        assertThat(MemoryLimit.javaHeapMiB(8192 * MIB)).isEqualTo(4096);
    }

    @Test
    void heapIsCommittedUpFrontAndCrashLogsStayOutOfTheWorkingDirectory() {
        assertThat(MemoryLimit.jvmFlags(512 * MIB))
                .containsSubsequence("-Xms256m", "-Xmx256m")
                .contains("-XX:ErrorFile=/tmp/hs_err_pid%p.log");
    }

    @Test
    void limitBelowTheMinimumIsRefusedNamingTheMinimum() {
        ExecutionLimits tiny = ExecutionLimits.builder().memoryBytes(12 * 1024).build();

        assertThatThrownBy(() -> MemoryLimit.check(Language.JAVA, tiny))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("96 MiB")
                .hasMessageContaining("12288 bytes")
                .satisfies(e -> assertThat(((UnsupportedCapabilityException) e).missing())
                        .containsExactly(SandboxCapability.MEMORY_LIMIT));
        assertThatThrownBy(() -> MemoryLimit.check(Language.PYTHON, tiny)).hasMessageContaining("32 MiB");
        assertThatCode(() -> MemoryLimit.check(
                        Language.JAVA,
                        ExecutionLimits.builder()
                                .memoryBytes(MemoryLimit.JAVA_MINIMUM)
                                .build()))
                .doesNotThrowAnyException();
    }

    @Test
    void notesSayJavaMemoryIsPrivateWritableMemoryNotAddressSpace() {
        assertThat(MemoryLimit.note(Language.JAVA, 128 * MIB))
                .contains("RLIMIT_DATA 134217728 bytes")
                .contains("reserved address space is not counted")
                .contains("-Xmx56m");
        assertThat(MemoryLimit.note(Language.PYTHON, 128 * MIB)).isEqualTo("RLIMIT_AS 134217728 bytes per process");
    }

    @Test
    void nodeGetsDataPlusTheCodeRangeAndAnAddressSpaceCeilingNeverAddressSpaceAlone() {
        assertThat(MemoryLimit.rlimits(Language.JAVASCRIPT, 256 * MIB))
                .containsExactly("--data=" + (768 * MIB), "--as=" + (2816 * MIB));
        assertThat(MemoryLimit.rlimits(Language.TYPESCRIPT, 256 * MIB))
                .isEqualTo(MemoryLimit.rlimits(Language.JAVASCRIPT, 256 * MIB));
        assertThat(MemoryLimit.rlimits(Language.JAVASCRIPT, Long.MAX_VALUE))
                .containsExactly("--data=" + Long.MAX_VALUE, "--as=" + Long.MAX_VALUE);
    }

    @Test
    void nodeHeapLeavesRoomForTheRestOfNodeAndNeverGoesBelow16MiB() {
        assertThat(MemoryLimit.nodeHeapMiB(64 * MIB)).isEqualTo(16);
        assertThat(MemoryLimit.nodeHeapMiB(128 * MIB)).isEqualTo(32);
        assertThat(MemoryLimit.nodeHeapMiB(512 * MIB)).isEqualTo(384);
        assertThat(MemoryLimit.nodeFlags(512 * MIB)).containsExactly("--max-old-space-size=384", "--v8-pool-size=1");
        assertThat(MemoryLimit.note(Language.JAVASCRIPT, 512 * MIB))
                .contains("RLIMIT_DATA " + (1024 * MIB))
                .contains("--max-old-space-size=384");
    }

    @Test
    void nodeLimitBelow64MiBIsRefused() {
        assertThatThrownBy(() -> MemoryLimit.check(
                        Language.TYPESCRIPT,
                        ExecutionLimits.builder().memoryBytes(63 * MIB).build()))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessageContaining("64 MiB");
    }
}
