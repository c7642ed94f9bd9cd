package dev.agentic.core.model;

import dev.agentic.core.annotation.Stable;
import java.util.Objects;

/**
 * A tool a model may call.
 *
 * @param name identifier the model uses ({@code generate_code})
 * @param description what the tool does, for the model
 * @param inputSchemaJson JSON Schema of the arguments object
 */
@Stable
public record ToolSpec(String name, String description, String inputSchemaJson) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchemaJson, "inputSchemaJson");
    }
}
