package io.ailanes.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ailanes.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The published plan schema ({@code docs/plan.schema.json}), and validation of plans against it. */
public final class PlanSchema {

    static final String RESOURCE = "/io/ailanes/engine/plan/plan.schema.json";

    private static final JsonNode NODE = load();
    private static final JsonSchema SCHEMA =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(NODE);

    private PlanSchema() {}

    /** The schema document. */
    public static JsonNode json() {
        return NODE.deepCopy();
    }

    /**
     * The schema as sent to providers for structured output: the same shape without the keywords that
     * strict modes reject (length and size bounds, {@code $schema}, {@code $id}). Those bounds are still
     * enforced by {@link #validate} on what comes back.
     */
    public static JsonNode forProviders() {
        JsonNode copy = NODE.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove(List.of("$schema", "$id", "minLength", "maxLength", "minItems", "maxItems"));
            object.forEach(PlanSchema::strip);
        } else if (node.isArray()) {
            node.forEach(PlanSchema::strip);
        }
    }

    /** Problems with {@code plan}, one line each with its JSON path; empty when valid. */
    public static List<String> validate(JsonNode plan) {
        return SCHEMA.validate(plan).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonNode load() {
        try (InputStream in = PlanSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("plan schema " + RESOURCE + " is missing from the jar");
            }
            JsonNode schema = Json.MAPPER.readTree(in);
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a plan that passed {@link #validate}. */
    static Plan read(JsonNode node) {
        return Json.MAPPER.convertValue(node, Plan.class);
    }
}
