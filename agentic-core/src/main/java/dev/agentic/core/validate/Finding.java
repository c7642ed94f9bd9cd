package dev.agentic.core.validate;

import dev.agentic.core.annotation.Stable;
import java.util.Objects;

/**
 * One problem a validator found.
 *
 * @param rule the rule it falls under, e.g. {@link RuleId#SYNTAX}, {@link RuleId#DENIED_IMPORT},
 *     {@link RuleId#HOST_NOT_ALLOWED}; {@code rule().id()} is its stable text form
 * @param severity how serious it is
 * @param message what is wrong and what to do instead; fed back to the model on repair
 * @param line 1-based line, 0 when not tied to a position
 * @param column 1-based column, 0 when not tied to a position
 */
@Stable
public record Finding(RuleId rule, Severity severity, String message, int line, int column) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Finding error(RuleId rule, String message, int line, int column) {
        return new Finding(rule, Severity.ERROR, message, line, column);
    }

    public static Finding warning(RuleId rule, String message, int line, int column) {
        return new Finding(rule, Severity.WARNING, message, line, column);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code line 3:5 error [denied-call] message} — the form used in repair prompts. */
    @Override
    public String toString() {
        return "line " + line + ":" + column + " " + severity.id() + " [" + rule.id() + "] " + message;
    }
}
