package io.ailanes.engine.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.Message;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.provider.http.ErrorBodies;
import io.ailanes.engine.provider.http.ProviderAdapter;
import io.ailanes.engine.provider.http.Reply;
import io.ailanes.engine.provider.http.SseBytes;
import io.ailanes.engine.provider.http.SseEvent;
import io.ailanes.engine.provider.http.StreamDecoder;
import io.ailanes.engine.provider.http.WireError;
import io.ailanes.engine.provider.http.WireException;
import io.ailanes.engine.provider.http.WireRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Anthropic Messages API: {@code POST {baseUrl}/v1/messages} (or {@code {baseUrl}/messages} when the base
 * URL already ends in {@code /v1}), with {@code x-api-key} and {@code anthropic-version}.
 *
 * <p>Prompt caching is explicit here: when the caller marks messages as cache breakpoints (it expects to resend
 * that prefix, as fix rounds do), they and the system prompt carry {@code cache_control}, so the repeated prefix
 * is billed at the cache-read rate. Unmarked requests write nothing to the cache: a write costs 1.25x input.
 */
public final class AnthropicAdapter implements ProviderAdapter {

    static final String VERSION = "2023-06-01";
    /** Anthropic allows four cache breakpoints per request; the system prompt takes one. */
    static final int MAX_MESSAGE_BREAKPOINTS = 3;

    private final ProviderConfig config;

    public AnthropicAdapter(ProviderConfig config) {
        this.config = config;
    }

    @Override
    public WireRequest toWire(ChatRequest request) {
        ObjectNode body = Json.object();
        body.put("model", request.model());
        body.put("max_tokens", request.maxOutputTokens());
        List<Integer> breakpoints = new ArrayList<>();
        for (int i = 0; i < request.messages().size(); i++) {
            if (request.messages().get(i).cacheBreakpoint()) {
                breakpoints.add(i);
            }
        }
        // Anthropic refuses an empty text block, so a blank system prompt is sent as none.
        if (request.system() != null && !request.system().isBlank()) {
            ArrayNode system = body.putArray("system");
            ObjectNode block = system.addObject().put("type", "text").put("text", request.system());
            // A cache write costs 1.25x input: only requests whose caller expects to resend the prefix ask for one.
            if (!breakpoints.isEmpty()) {
                block.putObject("cache_control").put("type", "ephemeral");
            }
        }
        // Past the limit, the last breakpoints are kept: they cover the longest prefixes.
        List<Integer> kept = breakpoints.subList(Math.max(0, breakpoints.size() - MAX_MESSAGE_BREAKPOINTS), breakpoints.size());
        ArrayNode messages = body.putArray("messages");
        for (int i = 0; i < request.messages().size(); i++) {
            Message message = request.messages().get(i);
            ObjectNode m = messages.addObject().put("role", message.role().name().toLowerCase(Locale.ROOT));
            if (kept.contains(i)) {
                ObjectNode block = m.putArray("content").addObject().put("type", "text").put("text", message.text());
                block.putObject("cache_control").put("type", "ephemeral");
            } else {
                m.put("content", message.text());
            }
        }
        if (request.temperature() != null) {
            body.put("temperature", Math.min(1.0, request.temperature())); // Anthropic's range is 0..1
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            request.stop().forEach(stop::add);
        }
        // Anthropic has no JSON-object mode: anything but JSON_SCHEMA leaves the schema to the prompt.
        if (request.outputSchema() != null && config.structuredOutput() == ProviderConfig.StructuredOutput.JSON_SCHEMA) {
            ObjectNode format = body.putObject("output_config").putObject("format");
            format.set("schema", request.outputSchema().schema());
            format.put("type", "json_schema");
        }
        if (request.stream()) {
            body.put("stream", true);
        }
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        if (config.apiKey().isPresent()) {
            headers.put("x-api-key", config.apiKey().reveal());
        }
        if (config.headers().keySet().stream().noneMatch("anthropic-version"::equalsIgnoreCase)) {
            headers.put("anthropic-version", VERSION);
        }
        headers.put("accept", request.stream() ? "text/event-stream" : "application/json");
        String base = config.baseUrl();
        String url = base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages";
        return new WireRequest(url, headers, Json.bytes(body), request.stream());
    }

    @Override
    public Reply parseReply(byte[] body) {
        JsonNode root = Json.tryParse(body).orElseThrow(() -> WireException.malformed(
                "response is not JSON: " + ErrorBodies.summarize(new String(body, StandardCharsets.UTF_8))));
        if ("error".equals(Json.text(root, "type")) || Json.at(root, "error") != null) {
            WireError error = readError(200, root);
            throw new WireException(error.kind() == ErrorKind.OTHER ? ErrorKind.MALFORMED_RESPONSE : error.kind(),
                    error.message());
        }
        JsonNode content = Json.at(root, "content");
        if (content == null || !content.isArray()) {
            throw WireException.malformed("response has no content array (is this the Messages API?)");
        }
        Usage usage = usage(Json.at(root, "usage")).orElseThrow(() -> WireException.malformed(
                "response reports no token usage, so its cost cannot be computed"));
        String stop = Json.text(root, "stop_reason");
        return new Reply(Json.text(root, "model"), Json.text(root, "id"), text(content), finishReason(stop), stop, usage);
    }

    private static String text(JsonNode content) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(Json.text(block, "type"))) {
                String piece = Json.text(block, "text");
                if (piece != null) {
                    text.append(piece);
                }
            }
        }
        return text.toString();
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request) {
        return new Decoder();
    }

    @Override
    public WireError parseError(int status, Map<String, String> headers, String body) {
        return ErrorBodies.parse(status, body, (code, root) -> readError(code, root));
    }

    /** {@code {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}}. */
    static WireError readError(int status, JsonNode root) {
        JsonNode error = Json.at(root, "error");
        String type = error == null ? null : Json.text(error, "type");
        String message = error == null ? null : Json.text(error, "message");
        if (message == null) {
            message = ErrorBodies.summarize(root.toString());
        }
        ErrorKind kind = type == null ? ErrorKind.ofStatus(status) : switch (type) {
            case "invalid_request_error" -> invalidRequestKind(message);
            case "authentication_error" -> ErrorKind.AUTHENTICATION;
            case "permission_error" -> ErrorKind.PERMISSION;
            case "not_found_error" -> ErrorKind.NOT_FOUND;
            case "request_too_large" -> ErrorKind.BAD_REQUEST;
            case "rate_limit_error" -> ErrorKind.RATE_LIMITED;
            case "api_error" -> ErrorKind.SERVER_ERROR;
            case "overloaded_error" -> ErrorKind.OVERLOADED;
            case "billing_error" -> ErrorKind.QUOTA_EXHAUSTED;
            case "timeout_error" -> ErrorKind.REQUEST_TIMEOUT;
            default -> status == 200 ? ErrorKind.OTHER : ErrorKind.ofStatus(status);
        };
        return new WireError(kind, message);
    }

    /**
     * Anthropic reports an oversized prompt ("prompt is too long: N tokens > M maximum", "input length and
     * `max_tokens` exceed context limit: ...") and an empty prepaid balance ("Your credit balance is too low
     * ...") as plain invalid_request_errors; only the message tells them apart.
     */
    private static ErrorKind invalidRequestKind(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("prompt is too long") || lower.contains("context window") || lower.contains("context length")
                || lower.contains("exceed context limit")) {
            return ErrorKind.CONTEXT_OVERFLOW;
        }
        if (lower.contains("credit balance is too low")) {
            return ErrorKind.QUOTA_EXHAUSTED;
        }
        return ErrorKind.BAD_REQUEST;
    }

    /** Usage in disjoint buckets: Anthropic's input_tokens already exclude cache reads and writes. */
    static Optional<Usage> usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        long writes = Json.count(usage, "cache_creation_input_tokens");
        long writes1h = Json.count(usage, "cache_creation", "ephemeral_1h_input_tokens");
        // cache_creation_input_tokens is the total. Writes the breakdown does not account for (no breakdown, or
        // a stream's message_delta that updated only the total) were made at the default 5-minute TTL.
        long writes5m = Math.max(Json.count(usage, "cache_creation", "ephemeral_5m_input_tokens"), writes - writes1h);
        return Optional.of(new Usage(
                Json.count(usage, "input_tokens"),
                Json.count(usage, "cache_read_input_tokens"),
                writes5m,
                writes1h,
                Json.count(usage, "output_tokens"),
                0));
    }

    static FinishReason finishReason(String stop) {
        if (stop == null) {
            return FinishReason.OTHER;
        }
        return switch (stop) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            case "tool_use" -> FinishReason.TOOL_CALL;
            // pause_turn: a server tool paused a long turn; the text so far is not a finished answer.
            default -> FinishReason.OTHER;
        };
    }

    /**
     * Reads the Messages stream: {@code message_start} (model, id, input usage), text deltas,
     * {@code message_delta} (stop reason, cumulative usage), {@code message_stop}, and {@code error} events.
     */
    private static final class Decoder implements StreamDecoder {
        private final StringBuilder text = new StringBuilder();
        private String model;
        private String id;
        private String stop;
        private JsonNode startUsage;
        private JsonNode finalUsage;
        private boolean done;

        @Override
        public void accept(SseEvent event, CallListener listener) {
            accept(Json.tryParse(event.data()), event::data, listener);
        }

        /** The same, the tree read from the event's bytes (no string of the data unless it is reported). */
        @Override
        public void accept(SseBytes event, CallListener listener) {
            accept(event.json(), event::text, listener);
        }

        private void accept(Optional<JsonNode> parsed, Supplier<String> raw, CallListener listener) {
            JsonNode data = parsed.orElseThrow(() -> malformed(
                    "stream event is not JSON: " + ErrorBodies.summarize(raw.get())));
            String type = Json.text(data, "type");
            if (type == null) {
                throw malformed("stream event has no type: " + ErrorBodies.summarize(raw.get()));
            }
            switch (type) {
                case "message_start" -> {
                    JsonNode message = Json.at(data, "message");
                    if (message == null) {
                        throw malformed("message_start event without a message");
                    }
                    model = Json.text(message, "model");
                    id = Json.text(message, "id");
                    startUsage = Json.at(message, "usage");
                }
                case "content_block_start" -> {
                    // A text block opens empty in practice, but its initial text is part of the answer (the
                    // SDKs start the block's snapshot from it).
                    if ("text".equals(Json.text(data, "content_block", "type"))) {
                        append(Json.text(data, "content_block", "text"), listener);
                    }
                }
                case "content_block_delta" -> {
                    if ("text_delta".equals(Json.text(data, "delta", "type"))) {
                        append(Json.text(data, "delta", "text"), listener);
                    }
                }
                case "message_delta" -> {
                    String reason = Json.text(data, "delta", "stop_reason");
                    if (reason != null) {
                        stop = reason;
                    }
                    JsonNode usage = Json.at(data, "usage");
                    if (usage != null) {
                        finalUsage = usage;
                    }
                }
                case "message_stop" -> done = true;
                case "error" -> {
                    WireError error = readError(200, data);
                    ErrorKind kind = error.kind() == ErrorKind.OTHER ? ErrorKind.SERVER_ERROR : error.kind();
                    throw new WireException(kind, "error event in stream: " + error.message(), usageSoFar());
                }
                default -> {
                    // ping, content_block_stop and future event types carry nothing we need.
                }
            }
        }

        private void append(String piece, CallListener listener) {
            if (piece != null && !piece.isEmpty()) {
                text.append(piece);
                listener.onText(piece);
            }
        }

        /** A broken stream still bills what message_start (and any message_delta) reported. */
        private WireException malformed(String message) {
            return new WireException(ErrorKind.MALFORMED_RESPONSE, message, usageSoFar());
        }

        @Override
        public boolean complete() {
            return done;
        }

        @Override
        public Reply finish() {
            if (!done) {
                throw malformed("stream was truncated before message_stop");
            }
            if (startUsage == null && finalUsage == null) {
                throw WireException.malformed("stream reports no token usage, so its cost cannot be computed");
            }
            return new Reply(model, id, text.toString(), finishReason(stop), stop, usageSoFar());
        }

        /** message_start carries the input counts; message_delta's cumulative counts win where present. */
        @Override
        public Usage usageSoFar() {
            ObjectNode merged = Json.object();
            if (startUsage != null && startUsage.isObject()) {
                merged.setAll((ObjectNode) startUsage);
            }
            if (finalUsage != null && finalUsage.isObject()) {
                finalUsage.fields().forEachRemaining(field -> {
                    if (!field.getValue().isNull()) {
                        merged.set(field.getKey(), field.getValue());
                    }
                });
            }
            return usage(merged).orElse(Usage.ZERO);
        }
    }
}
