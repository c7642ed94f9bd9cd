package dev.agentic.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.sandbox.ExecutionLimits;
import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutcomeTest {
    private static ExecutionResult map(int exit, String stderr) {
        ExecutionOutput out = ExecutionOutput.builder()
                .stderr(stderr)
                .duration(Duration.ofMillis(100))
                .build();
        return Outcome.map(exit, Outcome.KilledBy.NOBODY, ExecutionLimits.defaults(), out);
    }

    @Test
    void jvmAbortingForNativeMemoryIsAMemoryKillKeepingTheJvmMessage() {
        String jvm = "#\n# There is insufficient memory for the Java Runtime Environment to continue.\n"
                + "# Native memory allocation (mmap) failed to map 65536 bytes. Error detail: committing reserved memory.\n";

        ExecutionResult r = map(128 + 6, jvm);

        assertThat(r).isInstanceOfSatisfying(ExecutionResult.Killed.class, k -> {
            assertThat(k.limit()).isEqualTo(Limit.MEMORY);
            assertThat(k.signal()).isEqualTo(6);
        });
        assertThat(r.stderr()).contains("insufficient memory for the Java Runtime Environment");
    }

    @Test
    void heapExhaustionIsAMemoryKill() {
        ExecutionResult r = map(1, "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n");

        assertThat(r)
                .isInstanceOfSatisfying(
                        ExecutionResult.Killed.class, k -> assertThat(k.limit()).isEqualTo(Limit.MEMORY));
    }

    @Test
    void crashWithoutAMemoryMessageStaysUnattributed() {
        assertThat(map(128 + 11, ""))
                .isInstanceOfSatisfying(
                        ExecutionResult.Killed.class, k -> assertThat(k.limit()).isEqualTo(Limit.UNKNOWN));
    }
}
