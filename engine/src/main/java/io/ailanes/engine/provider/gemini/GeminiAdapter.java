package io.ailanes.engine.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.Message;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.Role;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.provider.http.ErrorBodies;
import io.ailanes.engine.provider.http.ProviderAdapter;
import io.ailanes.engine.provider.http.Reply;
import io.ailanes.engine.provider.http.StreamDecoder;
import io.ailanes.engine.provider.http.WireError;
import io.ailanes.engine.provider.http.WireException;
import io.ailanes.engine.provider.http.WireRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Google Gemini API ({@code POST {baseUrl}/models/{model}:generateContent}, streamed through
 * {@code :streamGenerateContent?alt=sse}); {@code baseUrl} is e.g.
 * {@code https://generativelanguage.googleapis.com/v1beta}.
 */
public final class GeminiAdapter implements ProviderAdapter {

    private final ProviderConfig config;

    public GeminiAdapter(ProviderConfig config) {
        this.config = config;
    }

    @Override
    public WireRequest toWire(ChatRequest request) {
        ObjectNode body = Json.object();
        if (request.system() != null) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.system());
        }
        ArrayNode contents = body.putArray("contents");
        for (Message message : request.messages()) {
            ObjectNode content = contents.addObject();
            content.put("role", message.role() == Role.ASSISTANT ? "model" : "user");
            content.putArray("parts").addObject().put("text", message.text());
        }
        ObjectNode generation = body.putObject("generationConfig");
        generation.put("maxOutputTokens", request.maxOutputTokens());
        if (request.temperature() != null) {
            generation.put("temperature", request.temperature());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = generation.putArray("stopSequences");
            request.stop().forEach(stop::add);
        }
        if (request.outputSchema() != null && config.structuredOutput() != ProviderConfig.StructuredOutput.NONE) {
            generation.put("responseMimeType", "application/json");
        }
        if (request.outputSchema() != null && config.structuredOutput() == ProviderConfig.StructuredOutput.JSON_SCHEMA) {
            // responseJsonSchema takes a standard JSON Schema ($defs, $ref, anyOf, additionalProperties...);
            // responseSchema takes Google's OpenAPI-3.0 subset (upper-case types, no $ref) and would need our
            // schemas translated. Gemini has no strict flag: it always constrains decoding to the schema.
            generation.set("responseJsonSchema", request.outputSchema().schema());
        }
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        // The key goes in a header only: URLs end up in proxy and access logs.
        if (config.apiKey().isPresent()) {
            headers.put("x-goog-api-key", config.apiKey().reveal());
        }
        headers.put("Accept", request.stream() ? "text/event-stream" : "application/json");
        String url = config.baseUrl() + "/models/" + pathSegment(request.model())
                + (request.stream() ? ":streamGenerateContent?alt=sse" : ":generateContent");
        return new WireRequest(url, headers, Json.bytes(body), request.stream());
    }

    /**
     * The model name as one percent-encoded path segment, so a name with {@code /}, {@code ?} or {@code ..} can
     * not reach another endpoint. A leading {@code models/} (Google's resource name) is accepted and dropped.
     */
    static String pathSegment(String model) {
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~' || (c == '.' && !name.matches("\\.+"))) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    @Override
    public Reply parseReply(byte[] body) {
        JsonNode root = Json.tryParse(body).orElseThrow(() -> WireException.malformed(
                "response is not JSON: " + ErrorBodies.summarize(new String(body, StandardCharsets.UTF_8))));
        if (Json.at(root, "error") != null && Json.at(root, "error").isObject()) {
            WireError error = GeminiErrors.read(200, root);
            throw new WireException(error.kind() == ErrorKind.OTHER ? ErrorKind.MALFORMED_RESPONSE : error.kind(),
                    error.message());
        }
        GeminiReplies.requireResponseShape(root, "response");
        Usage usage = GeminiReplies.usage(root).orElse(null);
        // A blocked prompt is reported whether or not the block carries usage: the block is the real cause.
        GeminiReplies.checkPromptBlocked(root, usage);
        if (usage == null) {
            throw WireException.malformed("response reports no usageMetadata, so its cost cannot be computed");
        }
        JsonNode candidate = GeminiReplies.firstCandidate(root);
        if (candidate == null) {
            throw new WireException(ErrorKind.MALFORMED_RESPONSE, "response has no candidates[0]", usage);
        }
        String rawFinish = Json.text(candidate, "finishReason");
        String text = GeminiReplies.text(candidate);
        if (text.isEmpty() && GeminiReplies.isFiltered(rawFinish)) {
            throw GeminiReplies.answerBlocked(rawFinish, Json.at(candidate, "safetyRatings"),
                    Json.text(candidate, "finishMessage"), usage);
        }
        return new Reply(Json.text(root, "modelVersion"), Json.text(root, "responseId"), text,
                GeminiReplies.finishReason(rawFinish, GeminiReplies.hasFunctionCall(candidate)), rawFinish, usage);
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request) {
        return new GeminiStreamDecoder();
    }

    @Override
    public WireError parseError(int status, Map<String, String> headers, String body) {
        return GeminiErrors.parse(status, body);
    }
}
