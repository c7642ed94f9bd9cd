package dev.agentic.langchain4j.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.ConfigurationException;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Our tools' JSON Schema text ↔ LangChain4j's {@link JsonSchemaElement} tree. Covers what tool arguments use:
 * objects (properties, required, additionalProperties, {@code $defs}), strings with or without {@code enum},
 * integers, numbers, booleans, arrays, {@code anyOf}, {@code null} and {@code $ref} to a definition. Keywords
 * LangChain4j has no place for (formats, bounds, patterns) are dropped; an unknown {@code type} is refused.
 */
public final class JsonSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemas() {}

    /**
     * Parses a tool's input schema, which must describe an object.
     *
     * @throws ConfigurationException when it is not JSON, not an object schema, or uses an unknown type
     */
    public static JsonObjectSchema toObjectSchema(String toolName, String schemaJson) {
        JsonNode node;
        try {
            node = JSON.readTree(schemaJson);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(
                    "Tool '" + toolName + "': its input schema is not JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null
                || !node.isObject()
                || !"object".equals(node.path("type").asText("object"))) {
            throw new ConfigurationException("Tool '" + toolName + "': its input schema must be a JSON object schema "
                    + "({\"type\":\"object\",\"properties\":{…}}), was " + schemaJson);
        }
        return object(toolName, node);
    }

    /** Writes a LangChain4j schema as JSON Schema text. */
    public static String toJson(JsonSchemaElement schema) {
        return write(schema).toString();
    }

    private static JsonSchemaElement element(String tool, JsonNode node) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            return JsonReferenceSchema.builder()
                    .reference(ref.substring(ref.lastIndexOf('/') + 1))
                    .build();
        }
        if (node.has("anyOf")) {
            List<JsonSchemaElement> options = new ArrayList<>();
            node.get("anyOf").forEach(n -> options.add(element(tool, n)));
            return JsonAnyOfSchema.builder()
                    .description(description(node))
                    .anyOf(options)
                    .build();
        }
        if (node.has("enum")) {
            List<String> values = new ArrayList<>();
            node.get("enum").forEach(v -> values.add(v.asText()));
            return JsonEnumSchema.builder()
                    .description(description(node))
                    .enumValues(values)
                    .build();
        }
        String type = node.path("type").asText(node.has("properties") ? "object" : "string");
        switch (type) {
            case "object":
                return object(tool, node);
            case "string":
                return JsonStringSchema.builder().description(description(node)).build();
            case "integer":
                return JsonIntegerSchema.builder()
                        .description(description(node))
                        .build();
            case "number":
                return JsonNumberSchema.builder().description(description(node)).build();
            case "boolean":
                return JsonBooleanSchema.builder()
                        .description(description(node))
                        .build();
            case "null":
                return new JsonNullSchema();
            case "array":
                JsonArraySchema.Builder array = JsonArraySchema.builder().description(description(node));
                if (node.has("items")) {
                    array.items(element(tool, node.get("items")));
                }
                return array.build();
            default:
                throw new ConfigurationException("Tool '" + tool + "': its input schema uses type '" + type
                        + "'; use object, string, integer, number, boolean, array or null");
        }
    }

    private static JsonObjectSchema object(String tool, JsonNode node) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description(node));
        Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            properties.put(e.getKey(), element(tool, e.getValue()));
        }
        b.addProperties(properties);
        List<String> required = new ArrayList<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        b.required(required);
        if (node.has("additionalProperties") && node.get("additionalProperties").isBoolean()) {
            b.additionalProperties(node.get("additionalProperties").asBoolean());
        }
        JsonNode defs = node.has("$defs") ? node.get("$defs") : node.path("definitions");
        if (defs.isObject()) {
            Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
            defs.fields().forEachRemaining(e -> definitions.put(e.getKey(), element(tool, e.getValue())));
            b.definitions(definitions);
        }
        return b.build();
    }

    private static String description(JsonNode node) {
        return node.has("description") ? node.get("description").asText() : null;
    }

    private static ObjectNode write(JsonSchemaElement schema) {
        ObjectNode out = JSON.createObjectNode();
        if (schema instanceof JsonObjectSchema o) {
            out.put("type", "object");
            describe(out, o.description());
            ObjectNode properties = out.putObject("properties");
            if (o.properties() != null) {
                o.properties().forEach((name, value) -> properties.set(name, write(value)));
            }
            if (o.required() != null && !o.required().isEmpty()) {
                ArrayNode required = out.putArray("required");
                o.required().forEach(required::add);
            }
            if (o.additionalProperties() != null) {
                out.put("additionalProperties", o.additionalProperties());
            }
            if (o.definitions() != null && !o.definitions().isEmpty()) {
                ObjectNode defs = out.putObject("$defs");
                o.definitions().forEach((name, value) -> defs.set(name, write(value)));
            }
        } else if (schema instanceof JsonEnumSchema e) {
            out.put("type", "string");
            describe(out, e.description());
            ArrayNode values = out.putArray("enum");
            e.enumValues().forEach(values::add);
        } else if (schema instanceof JsonArraySchema a) {
            out.put("type", "array");
            describe(out, a.description());
            if (a.items() != null) {
                out.set("items", write(a.items()));
            }
        } else if (schema instanceof JsonAnyOfSchema any) {
            describe(out, any.description());
            ArrayNode options = out.putArray("anyOf");
            any.anyOf().forEach(option -> options.add(write(option)));
        } else if (schema instanceof JsonReferenceSchema ref) {
            out.put("$ref", "#/$defs/" + ref.reference());
        } else {
            out.put("type", simpleType(schema));
            describe(out, schema.description());
        }
        return out;
    }

    private static String simpleType(JsonSchemaElement schema) {
        if (schema instanceof JsonIntegerSchema) {
            return "integer";
        } else if (schema instanceof JsonNumberSchema) {
            return "number";
        } else if (schema instanceof JsonBooleanSchema) {
            return "boolean";
        } else if (schema instanceof JsonNullSchema) {
            return "null";
        }
        return "string";
    }

    private static void describe(ObjectNode out, String description) {
        if (description != null) {
            out.put("description", description);
        }
    }
}
