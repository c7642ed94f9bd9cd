package dev.agentic.core.validate;

/** How serious a finding is. Only {@link #ERROR} makes code invalid. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** Lower-case name used in JSON: {@code error}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
