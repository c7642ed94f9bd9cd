package dev.agentic.core.sandbox;

import dev.agentic.core.annotation.Stable;

/** The limit that ended a run, when the sandbox can tell. */
@Stable
public enum Limit {
    WALL_TIME("wall"),
    CPU_TIME("cpu"),
    MEMORY("memory"),
    OUTPUT("output"),
    PROCESSES("processes"),
    FILE_SIZE("file-size"),
    /** Killed by a signal the sandbox cannot attribute to one of its limits. */
    UNKNOWN("unknown");

    private final String id;

    Limit(String id) {
        this.id = id;
    }

    /** Short identifier used in JSON output and records: {@code wall}, {@code cpu}, {@code memory}. */
    public String id() {
        return id;
    }
}
