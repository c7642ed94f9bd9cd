package dev.agentic.web.internal;

import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.ExecutionResult;
import dev.agentic.core.sandbox.Limit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks the notes of a result that the page shows without being asked: a note saying the interpreter's state was
 * lost ({@link Kind#STATE_LOST}), and, for a run that timed out or was killed, the notes on the limit that ended it
 * ({@link Kind#STOP_REASON}). The sandboxes of this SDK start a note with its topic ({@code "wall time: …"},
 * {@code "memory: …"}, {@code "state: …"}); a state-loss note names the variables that are lost or gone. Every other
 * note stays in the full list only. Stateless; thread-safe.
 */
@Internal
final class KeyNotes {
    /** Why a note is shown prominently. */
    enum Kind {
        STATE_LOST("state-lost"),
        STOP_REASON("stop-reason");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The kind's name in the JSON. */
        String id() {
            return id;
        }
    }

    /** One prominent note. */
    record KeyNote(Kind kind, String text) {}

    private KeyNotes() {}

    /** The prominent notes of {@code result}, in the order of its notes. */
    static List<KeyNote> of(ExecutionResult result) {
        Set<String> topics = stopTopics(result);
        List<KeyNote> out = new ArrayList<>();
        for (String note : result.output().notes()) {
            if (saysStateLost(note)) {
                out.add(new KeyNote(Kind.STATE_LOST, note));
            } else if (topics.contains(topic(note))) {
                out.add(new KeyNote(Kind.STOP_REASON, note));
            }
        }
        return out;
    }

    /** Whether {@code note} says that earlier variables, imports or files are gone. */
    static boolean saysStateLost(String note) {
        String n = note.toLowerCase(Locale.ROOT);
        return (n.contains("variables") && (n.contains(" lost") || n.contains(" gone")))
                || n.contains("without this session's state");
    }

    /** The topics of the notes that explain why {@code result} ended; none for a run that ended by itself. */
    private static Set<String> stopTopics(ExecutionResult result) {
        if (result instanceof ExecutionResult.TimedOut) {
            return Set.of("wall time", "state");
        }
        if (result instanceof ExecutionResult.Killed k) {
            return limitTopics(k.limit());
        }
        return Set.of();
    }

    private static Set<String> limitTopics(Limit limit) {
        return switch (limit) {
            case WALL_TIME -> Set.of("wall time", "state");
            case CPU_TIME -> Set.of("cpu", "cpu time", "measured", "state");
            case MEMORY -> Set.of("memory", "measured", "state");
            case OUTPUT -> Set.of("output", "state");
            case PROCESSES -> Set.of("processes", "state");
            case FILE_SIZE -> Set.of("file size", "state");
            case UNKNOWN -> Set.of("cancelled", "state");
        };
    }

    /** The words before a note's first colon, lower case; empty when it has no short topic. */
    private static String topic(String note) {
        int colon = note.indexOf(':');
        if (colon <= 0 || colon > 24) {
            return "";
        }
        return note.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    }
}
