package dev.agentic.core.validate;

import dev.agentic.core.annotation.Stable;
import java.util.Locale;

/** How serious a finding is. Only {@link #ERROR} makes code invalid. */
@Stable
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** Lower-case name used in JSON: {@code error}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
