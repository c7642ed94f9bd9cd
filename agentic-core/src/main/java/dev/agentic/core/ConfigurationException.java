package dev.agentic.core;

import dev.agentic.core.annotation.Stable;

/** A builder or a plug-in point was given something it cannot work with; the message names the field. */
@Stable
public class ConfigurationException extends AgenticException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
