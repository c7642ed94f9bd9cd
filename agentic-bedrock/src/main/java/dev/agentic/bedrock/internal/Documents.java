package dev.agentic.bedrock.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentic.core.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/** Converts JSON text to the SDK's {@link Document} and back. Stateless. */
public final class Documents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Documents() {}

    /** Parses {@code json}; {@code what} names the value in the error message. */
    public static Document fromJson(String json, String what) {
        try {
            return toDocument(JSON.readTree(json.isBlank() ? "{}" : json));
        } catch (JsonProcessingException e) {
            throw new ConfigurationException(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The JSON text of {@code document}. */
    public static String toJson(Document document) {
        try {
            return JSON.writeValueAsString(toNode(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a document as JSON", e);
        }
    }

    private static Document toDocument(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Document.fromNull();
        }
        if (node.isObject()) {
            Map<String, Document> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), toDocument(e.getValue())));
            return Document.fromMap(map);
        }
        if (node.isArray()) {
            List<Document> list = new ArrayList<>();
            node.forEach(n -> list.add(toDocument(n)));
            return Document.fromList(list);
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        }
        if (node.isNumber()) {
            return Document.fromNumber(SdkNumber.fromBigDecimal(node.decimalValue()));
        }
        return Document.fromString(node.asText());
    }

    private static JsonNode toNode(Document d) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (d == null || d.isNull()) {
            return f.nullNode();
        }
        if (d.isMap()) {
            ObjectNode o = f.objectNode();
            d.asMap().forEach((k, v) -> o.set(k, toNode(v)));
            return o;
        }
        if (d.isList()) {
            ArrayNode a = f.arrayNode();
            d.asList().forEach(v -> a.add(toNode(v)));
            return a;
        }
        if (d.isBoolean()) {
            return f.booleanNode(d.asBoolean());
        }
        if (d.isNumber()) {
            return f.numberNode(d.asNumber().bigDecimalValue());
        }
        return f.textNode(d.asString());
    }
}
