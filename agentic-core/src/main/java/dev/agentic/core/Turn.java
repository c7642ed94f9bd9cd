package dev.agentic.core;

import dev.agentic.core.annotation.Stable;
import java.util.Objects;

/**
 * One finished task of a {@link Conversation}: what was asked and the program that did it.
 *
 * @param task the task
 * @param code the final program
 * @param outputSummary the program's (redacted, shortened) stdout, so follow-ups can refer to its results
 */
@Stable
public record Turn(Task task, Code code, String outputSummary) {
    public Turn {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(outputSummary, "outputSummary");
    }
}
