package dev.agentic.core;

/** A builder or a plug-in point was given something it cannot work with; the message names the field. */
public class ConfigurationException extends AgenticException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
