package dev.agentic.langchain4j.internal;

import dev.agentic.core.secret.Redactor;
import java.util.List;
import java.util.Optional;

/** The API keys the built-in providers mask in model errors. Stateless. */
final class ApiKeys {
    private ApiKeys() {}

    /**
     * {@code key} as a list of values to mask, empty when there is none or it is too short to mask (a
     * placeholder for a local server that takes no key).
     */
    static List<String> redactable(Optional<String> key) {
        return key.filter(k -> k.strip().length() >= Redactor.MIN_LENGTH)
                .map(List::of)
                .orElse(List.of());
    }
}
