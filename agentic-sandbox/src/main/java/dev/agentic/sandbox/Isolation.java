package dev.agentic.sandbox;

import dev.agentic.core.annotation.Stable;

/** How {@link LocalSandbox} isolates programs. */
@Stable
public enum Isolation {
    /**
     * bubblewrap: every namespace unshared, minimal read-only mounts, seccomp denylist, rlimits. The
     * default, and the only mode that is a security boundary.
     */
    BUBBLEWRAP,
    /**
     * No isolation at all: the program runs as this JVM's user with full access to the host (files,
     * network, other processes). For development on systems without bubblewrap only; never chosen
     * automatically, and every run logs a warning.
     */
    NONE
}
