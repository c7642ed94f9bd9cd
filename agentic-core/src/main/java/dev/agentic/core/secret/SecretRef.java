package dev.agentic.core.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentic.core.ConfigurationException;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Names a secret in a {@link SecretProvider}: a secret name and, for secrets stored as a JSON object, the
 * field to take ({@code SecretRef.of("agentic-api-developer/stripe/test-key", "api_key")}). Holds no value.
 *
 * @param name the secret's name in its provider
 * @param field the JSON field to select, or null for the whole value
 */
public record SecretRef(String name, String field) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SecretRef {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("SecretRef.name must not be blank");
        }
        if (field != null && field.isBlank()) {
            throw new ConfigurationException("SecretRef.field must not be blank when given");
        }
    }

    public static SecretRef of(String name) {
        return new SecretRef(name, null);
    }

    public static SecretRef of(String name, String field) {
        return new SecretRef(name, Objects.requireNonNull(field, "field"));
    }

    public Optional<String> fieldName() {
        return Optional.ofNullable(field);
    }

    /**
     * Applies {@link #field()} to a raw secret value: the whole value when there is no field, else the
     * field of the JSON object. Providers call this after fetching.
     *
     * @throws SecretException when the value is not a JSON object or lacks the field (the value is not shown)
     */
    public String select(String rawValue) {
        if (field == null) {
            return rawValue;
        }
        JsonNode node;
        try {
            node = JSON.readTree(rawValue);
        } catch (IOException e) {
            throw new SecretException("Secret '" + name + "' is not a JSON object, so field '" + field
                    + "' cannot be selected; store it as JSON or drop the field from the reference.");
        }
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw new SecretException("Secret '" + name + "' has no text field '" + field + "'.");
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return field == null ? name : name + "#" + field;
    }
}
