package dev.agentic.core.model;

import dev.agentic.core.annotation.Stable;

/** Why a model stopped writing. */
@Stable
public enum StopReason {
    END_TURN,
    MAX_TOKENS,
    STOP_SEQUENCE,
    TOOL_USE,
    CONTENT_FILTERED,
    OTHER
}
