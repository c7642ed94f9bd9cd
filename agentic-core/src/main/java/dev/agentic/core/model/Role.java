package dev.agentic.core.model;

/** Who wrote a message. */
public enum Role { USER, ASSISTANT }
