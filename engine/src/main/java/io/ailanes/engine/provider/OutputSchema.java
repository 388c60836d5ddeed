package io.ailanes.engine.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A JSON schema the response must follow (structured output).
 *
 * @param name a short identifier the providers require ({@code [A-Za-z0-9_-]}, at most 64 characters)
 * @param schema the JSON schema object
 * @param strict ask the provider to enforce the schema exactly where it can
 */
public record OutputSchema(String name, JsonNode schema, boolean strict) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public OutputSchema {
        Objects.requireNonNull(schema, "schema");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "schema name '" + name + "' must be 1-64 characters of letters, digits, '_' or '-'");
        }
        if (!schema.isObject()) {
            throw new IllegalArgumentException("schema '" + name + "' must be a JSON object");
        }
    }
}
