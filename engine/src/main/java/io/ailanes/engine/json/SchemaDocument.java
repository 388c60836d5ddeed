package io.ailanes.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A published JSON schema for what models return (plans, review findings): validates answers, and gives
 * providers a copy without the keywords their strict structured-output modes reject.
 */
public final class SchemaDocument {

    private final JsonNode node;
    private final JsonSchema schema;

    private SchemaDocument(JsonNode node) {
        this.node = node;
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
    }

    /** Loads a schema from the classpath. */
    public static SchemaDocument resource(String resource) {
        try (InputStream in = SchemaDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " is missing from the jar");
            }
            return new SchemaDocument(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema document. */
    public JsonNode json() {
        return node.deepCopy();
    }

    /**
     * The same shape without length, size and range bounds or {@code $schema}/{@code $id}, which strict
     * structured-output modes reject; {@link #validate} still enforces them on the answer.
     */
    public JsonNode forProviders() {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    /** Problems with {@code value}, one line each naming its JSON path; empty when valid. */
    public List<String> validate(JsonNode value) {
        return schema.validate(value).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Problems with a model's answer: not JSON, not an object, or not matching the schema. */
    public List<String> validateAnswer(String answer) {
        return Json.tryParse(stripFences(answer))
                .filter(JsonNode::isObject)
                .map(this::validate)
                .orElse(List.of("the answer is not a JSON object"));
    }

    /** Models without structured output sometimes wrap JSON in a Markdown fence. */
    public static String stripFences(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int newline = t.indexOf('\n');
            int end = t.lastIndexOf("```");
            if (newline > 0 && end > newline) {
                return t.substring(newline + 1, end).strip();
            }
        }
        return t;
    }

    private static void strip(JsonNode value) {
        if (value instanceof ObjectNode object) {
            object.remove(List.of("$schema", "$id", "minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum"));
            object.forEach(SchemaDocument::strip);
        } else if (value.isArray()) {
            value.forEach(SchemaDocument::strip);
        }
    }
}
