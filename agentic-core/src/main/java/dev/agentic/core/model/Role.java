package dev.agentic.core.model;

import dev.agentic.core.annotation.Stable;

/** Who wrote a message. */
@Stable
public enum Role {
    USER,
    ASSISTANT
}
