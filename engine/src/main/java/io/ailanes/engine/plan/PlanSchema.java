package io.ailanes.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.json.SchemaDocument;
import java.util.List;

/** The published plan schema ({@code docs/plan.schema.json}), and validation of plans against it. */
final class PlanSchema {

    static final String RESOURCE = "/io/ailanes/engine/plan/plan.schema.json";

    private static final SchemaDocument SCHEMA = SchemaDocument.resource(RESOURCE);

    private PlanSchema() {}

    /** The schema document. */
    public static JsonNode json() {
        return SCHEMA.json();
    }

    /** The schema as sent to providers for structured output. */
    public static JsonNode forProviders() {
        return SCHEMA.forProviders();
    }

    /** Problems with {@code plan}, one line each with its JSON path; empty when valid. */
    public static List<String> validate(JsonNode plan) {
        return SCHEMA.validate(plan);
    }

    /** Problems with a model's answer (not JSON, or not a valid plan). */
    static List<String> validateAnswer(String answer) {
        return SCHEMA.validateAnswer(answer);
    }

    /** Reads a plan that passed {@link #validate}. */
    static Plan read(JsonNode node) {
        return Json.MAPPER.convertValue(node, Plan.class);
    }
}
