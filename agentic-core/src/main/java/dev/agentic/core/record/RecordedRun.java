package dev.agentic.core.record;

import dev.agentic.core.annotation.Experimental;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A sandbox run as its record kept it (redacted). Read-only values made by {@link ExecutionRecord#read(byte[])}.
 *
 * @param status {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT} or {@code KILLED}
 * @param exitCode the exit code, when the program exited
 * @param limit the limit that ended it (e.g. {@code wall}, {@code memory}), when one did
 * @param stdout what it printed (up to the output cap)
 * @param stderr its error output (up to the output cap)
 * @param truncated whether either stream was cut at the cap
 * @param duration how long it ran
 * @param files paths of the output files collected
 * @param notes what the sandbox noted (which limit was enforced by what, …)
 */
@Experimental
public record RecordedRun(
        String status,
        OptionalInt exitCode,
        Optional<String> limit,
        String stdout,
        String stderr,
        boolean truncated,
        Duration duration,
        List<String> files,
        List<String> notes) {
    public RecordedRun {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
        files = List.copyOf(files);
        notes = List.copyOf(notes);
    }
}
