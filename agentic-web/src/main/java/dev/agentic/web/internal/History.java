package dev.agentic.web.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.annotation.Internal;
import dev.agentic.core.sandbox.OutputFile;
import java.util.ArrayList;
import java.util.List;

/**
 * A tab's runs and tasks, oldest first, each with its payload (already redacted) and its collected files. Keeps
 * the newest {@code capacity} entries; entry numbers keep counting. Thread-safe.
 */
@Internal
final class History {
    private final int capacity;
    private final List<Entry> entries = new ArrayList<>();
    private int next = 1;

    record Entry(int number, ObjectNode payload, List<OutputFile> files) {}

    History(int capacity) {
        this.capacity = capacity;
    }

    /** Takes the number of an entry to come (so its payload can name its own file addresses). */
    synchronized int reserve() {
        return next++;
    }

    /** Adds entry {@code n}, a number from {@link #reserve()}; its payload gets {@code n}. */
    synchronized int add(int n, ObjectNode payload, List<OutputFile> files) {
        payload.put("n", n);
        entries.add(new Entry(n, payload, List.copyOf(files)));
        if (entries.size() > capacity) {
            entries.remove(0);
        }
        return n;
    }

    synchronized Entry get(int n) {
        return entries.stream()
                .filter(e -> e.number() == n)
                .findFirst()
                .orElseThrow(() -> new Refusal(404, "no history entry " + n + " in this session"));
    }

    /** One line per entry: number, kind, title, status, time, and whether its run lost the interpreter's state. */
    synchronized ArrayNode summary() {
        ArrayNode list = Payloads.JSON.createArrayNode();
        for (Entry e : entries) {
            ObjectNode p = e.payload();
            list.addObject()
                    .put("n", e.number())
                    .put("kind", p.path("kind").asText())
                    .put("title", p.path("title").asText())
                    .put("status", p.path("status").asText())
                    .put("time", p.path("time").asText())
                    .put("stateLost", stateLost(p));
        }
        return list;
    }

    private static boolean stateLost(ObjectNode entry) {
        JsonNode result = entry.has("result")
                ? entry.get("result")
                : entry.path("workflow").path("result");
        for (JsonNode k : result.path("keyNotes")) {
            if (k.path("kind").asText().equals(KeyNotes.Kind.STATE_LOST.id())) {
                return true;
            }
        }
        return false;
    }

    synchronized void clear() {
        entries.clear();
    }
}
