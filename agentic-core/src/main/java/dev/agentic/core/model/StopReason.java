package dev.agentic.core.model;

/** Why a model stopped writing. */
public enum StopReason {
    END_TURN, MAX_TOKENS, STOP_SEQUENCE, TOOL_USE, CONTENT_FILTERED, OTHER
}
