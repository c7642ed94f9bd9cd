package dev.agentic.core;

import dev.agentic.core.model.StreamListener;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Generator} is asked for: the task, earlier turns of the conversation, and — when this is a
 * repair — the feedback on the previous attempt.
 *
 * @param task the task to write a program for
 * @param history earlier finished turns, oldest first (empty for a one-off task)
 * @param feedback why the previous attempt failed, or null for a first attempt
 * @param attempt 1-based attempt number
 * @param listener receives code text as it streams
 */
public record GenerationRequest(Task task, List<Turn> history, Feedback feedback, int attempt,
                                StreamListener listener) {
    public GenerationRequest {
        Objects.requireNonNull(task, "task");
        history = List.copyOf(history);
        Objects.requireNonNull(listener, "listener");
        if (attempt < 1) {
            throw new ConfigurationException("attempt must be 1 or more");
        }
    }

    /** A first attempt with no history and no streaming. */
    public static GenerationRequest first(Task task) {
        return new GenerationRequest(task, List.of(), null, 1, StreamListener.ignoring());
    }

    public Optional<Feedback> repair() {
        return Optional.ofNullable(feedback);
    }
}
