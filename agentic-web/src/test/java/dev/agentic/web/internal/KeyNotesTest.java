package dev.agentic.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentic.core.sandbox.ExecutionOutput;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import dev.agentic.web.internal.KeyNotes.KeyNote;
import dev.agentic.web.internal.KeyNotes.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which notes the page shows without being asked, for the wording of this SDK's sandboxes. */
class KeyNotesTest {
    private static final String ISOLATION = "isolation: bubblewrap as uid 1000";
    private static final String WALL = "wall time: 2000 ms for this run, enforced by this JVM";
    private static final String MEMORY = "memory: cgroup v2 memory.max 536870912 bytes for the whole run";
    private static final String MEASURED = "measured: cpu time 310 ms for the whole run, peak memory 536870912 bytes";
    private static final String LOCAL_LOST = "state: this run started in a fresh interpreter because the previous one "
            + "ended (killed); variables, imports and files of earlier runs are gone";
    private static final String AGENTCORE_LOST = "agentcore: a new code interpreter session replaced one that had "
            + "expired or was gone; variables and files of earlier runs were lost";
    private static final String KEPT = "state: run 2 was interrupted (KeyboardInterrupt) at its wall time and the "
            + "interpreter recovered; the session keeps its state";

    private static ExecutionOutput output(String... notes) {
        return ExecutionOutput.of("", "", Duration.ofMillis(5)).toBuilder()
                .notes(List.of(notes))
                .build();
    }

    @Test
    void aRunThatEndedByItselfHasOnlyItsStateLossAsAKeyNote() {
        assertThat(KeyNotes.of(new ExecutionResult.Succeeded(output(ISOLATION, WALL, MEMORY))))
                .isEmpty();
        assertThat(KeyNotes.of(new ExecutionResult.Failed(1, output(WALL, LOCAL_LOST, AGENTCORE_LOST))))
                .containsExactly(
                        new KeyNote(Kind.STATE_LOST, LOCAL_LOST), new KeyNote(Kind.STATE_LOST, AGENTCORE_LOST));
    }

    @Test
    void aTimedOutRunShowsItsWallTimeNotesAndWhetherItKeptItsState() {
        assertThat(KeyNotes.of(
                        new ExecutionResult.TimedOut(Duration.ofSeconds(2), output(ISOLATION, MEMORY, WALL, KEPT))))
                .containsExactly(new KeyNote(Kind.STOP_REASON, WALL), new KeyNote(Kind.STOP_REASON, KEPT));
    }

    @Test
    void aKilledRunShowsTheNotesOnTheLimitThatKilledIt() {
        assertThat(KeyNotes.of(new ExecutionResult.Killed(9, Limit.MEMORY, output(ISOLATION, WALL, MEMORY, MEASURED))))
                .extracting(KeyNote::text)
                .containsExactly(MEMORY, MEASURED);
        assertThat(KeyNotes.of(new ExecutionResult.Killed(
                        9,
                        Limit.OUTPUT,
                        output(
                                MEMORY,
                                "output: 1024 bytes per " + "stream",
                                "output chart.png skipped: over the size cap"))))
                .extracting(KeyNote::text)
                .containsExactly("output: 1024 bytes per stream");
    }
}
