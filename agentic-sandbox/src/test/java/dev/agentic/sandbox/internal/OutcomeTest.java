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
    void jvmAbortingForNativeMemoryIsAnUnattributedKillWhenNoCounterShowsALimit() {
        String jvm = "#\n# There is insufficient memory for the Java Runtime Environment to continue.\n"
                + "# Native memory allocation (mmap) failed to map 65536 bytes. Error detail: committing reserved memory.\n";

        ExecutionResult r = map(128 + 6, jvm);

        assertThat(r).isInstanceOfSatisfying(ExecutionResult.Killed.class, k -> {
            assertThat(k.limit()).isEqualTo(Limit.UNKNOWN);
            assertThat(k.signal()).isEqualTo(6);
        });
        assertThat(Outcome.runtimeMemoryNote(134, jvm, null)).contains("not attributed");
    }

    @Test
    void heapExhaustionWithoutACounterIsAFailureWithAMemoryNote() {
        String oom = "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n";

        assertThat(map(1, oom))
                .isEqualTo(new ExecutionResult.Failed(1, map(1, oom).output()));
        assertThat(Outcome.runtimeMemoryNote(1, oom, null)).startsWith("memory: ");
        assertThat(Outcome.runtimeMemoryNote(1, oom, Limit.MEMORY)).isNull();
    }

    @Test
    void exitStatusesOfSignalsAreNeverEvidenceOfALimit() {
        for (int exit : new int[] {128 + 24, 128 + 25, 128 + 9}) {
            assertThat(map(exit, "MemoryError\n"))
                    .isInstanceOfSatisfying(
                            ExecutionResult.Killed.class,
                            k -> assertThat(k.limit()).isEqualTo(Limit.UNKNOWN));
        }
    }

    @Test
    void aCounterMakesAFailedRunALimitKillAndTheMeterKillIsSigkill() {
        ExecutionOutput out =
                ExecutionOutput.builder().duration(Duration.ofMillis(5)).build();
        ExecutionLimits l = ExecutionLimits.defaults();

        assertThat(Outcome.map(137, Outcome.KilledBy.NOBODY, l, out, Limit.MEMORY))
                .isEqualTo(new ExecutionResult.Killed(9, Limit.MEMORY, out));
        assertThat(Outcome.map(137, Outcome.KilledBy.LIMIT, l, out, Limit.CPU_TIME))
                .isEqualTo(new ExecutionResult.Killed(9, Limit.CPU_TIME, out));
        assertThat(Outcome.map(0, Outcome.KilledBy.NOBODY, l, out, Limit.PROCESSES))
                .isEqualTo(new ExecutionResult.Succeeded(out));
    }

    @Test
    void crashWithoutAMemoryMessageStaysUnattributed() {
        assertThat(map(128 + 11, ""))
                .isInstanceOfSatisfying(
                        ExecutionResult.Killed.class, k -> assertThat(k.limit()).isEqualTo(Limit.UNKNOWN));
    }
}
