package dev.agentic.core.validate;

import java.util.Objects;

/**
 * One problem a validator found.
 *
 * @param rule stable rule id, e.g. {@code syntax}, {@code denied-import}, {@code denied-call},
 *     {@code dunder-access}, {@code host-not-allowed}
 * @param severity how serious it is
 * @param message what is wrong and what to do instead; fed back to the model on repair
 * @param line 1-based line, 0 when not tied to a position
 * @param column 1-based column, 0 when not tied to a position
 */
public record Finding(String rule, Severity severity, String message, int line, int column) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Finding error(String rule, String message, int line, int column) {
        return new Finding(rule, Severity.ERROR, message, line, column);
    }

    public static Finding warning(String rule, String message, int line, int column) {
        return new Finding(rule, Severity.WARNING, message, line, column);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code line 3:5 error [denied-call] message} — the form used in repair prompts. */
    @Override
    public String toString() {
        return "line " + line + ":" + column + " " + severity.id() + " [" + rule + "] " + message;
    }
}
