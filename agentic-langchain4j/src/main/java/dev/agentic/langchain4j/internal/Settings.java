package dev.agentic.langchain4j.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the providers read their settings, as the vendors' own Java SDKs do: a system property first
 * ({@code openai.apiKey}), then an environment variable ({@code OPENAI_API_KEY}). Blank values count as unset.
 * Tests give their own lookups instead of the process's.
 */
final class Settings {
    private final UnaryOperator<String> properties;
    private final UnaryOperator<String> environment;

    Settings(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    static Settings system() {
        return new Settings(System::getProperty, System::getenv);
    }

    Optional<String> get(String property, String variable) {
        String value = properties.apply(property);
        if (value == null || value.isBlank()) {
            value = environment.apply(variable);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
