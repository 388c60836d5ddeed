package io.ailanes.engine.provider.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.Message;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderConfig.TokenLimitField;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI Chat Completions ({@code POST {baseUrl}/chat/completions}), the format of OpenAI and of every
 * compatible server: DeepSeek, Qwen (DashScope compatible mode), Moonshot/Kimi, Zhipu GLM, OpenRouter,
 * Groq, vLLM, Ollama, LiteLLM proxy.
 */
public final class OpenAiAdapter implements ProviderAdapter {

    private final ProviderConfig config;
    /** Fixed per configuration, so worked out once rather than per call (the host check parses the URL). */
    private final String url;
    private final String tokenLimitField;
    private final Map<String, String> jsonHeaders;
    private final Map<String, String> streamHeaders;

    public OpenAiAdapter(ProviderConfig config) {
        this.config = config;
        this.url = config.baseUrl() + "/chat/completions";
        this.tokenLimitField = tokenLimitField(config);
        this.jsonHeaders = headers(config, "application/json");
        this.streamHeaders = headers(config, "text/event-stream");
    }

    @Override
    public WireRequest toWire(ChatRequest request) {
        return new WireRequest(url, request.stream() ? streamHeaders : jsonHeaders, body(request), request.stream());
    }

    /**
     * The body, written straight out with Jackson's generator: a tree built only to be serialised was a
     * measurable share of a short call. Member order is the documented one.
     */
    private byte[] body(ChatRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + textLength(request));
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("model", request.model());
            json.writeArrayFieldStart("messages");
            if (request.system() != null) {
                message(json, "system", request.system());
            }
            for (Message message : request.messages()) {
                message(json, message.role().name().toLowerCase(Locale.ROOT), message.text());
            }
            json.writeEndArray();
            json.writeNumberField(tokenLimitField, request.maxOutputTokens());
            if (request.temperature() != null) {
                json.writeNumberField("temperature", request.temperature().doubleValue());
            }
            if (!request.stop().isEmpty()) {
                json.writeArrayFieldStart("stop");
                for (String stop : request.stop()) {
                    json.writeString(stop);
                }
                json.writeEndArray();
            }
            if (request.outputSchema() != null
                    && config.structuredOutput() == ProviderConfig.StructuredOutput.JSON_OBJECT) {
                json.writeObjectFieldStart("response_format");
                json.writeStringField("type", "json_object");
                json.writeEndObject();
            } else if (request.outputSchema() != null
                    && config.structuredOutput() == ProviderConfig.StructuredOutput.JSON_SCHEMA) {
                json.writeObjectFieldStart("response_format");
                json.writeStringField("type", "json_schema");
                json.writeObjectFieldStart("json_schema");
                json.writeStringField("name", request.outputSchema().name());
                json.writeFieldName("schema");
                json.writeTree(request.outputSchema().schema());
                json.writeBooleanField("strict", request.outputSchema().strict());
                json.writeEndObject();
                json.writeEndObject();
            }
            if (request.stream()) {
                json.writeBooleanField("stream", true);
                // Without this the stream carries no usage and the call could not be priced.
                json.writeObjectFieldStart("stream_options");
                json.writeBooleanField("include_usage", true);
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory stream does not fail
        }
        return out.toByteArray();
    }

    private static void message(JsonGenerator json, String role, String content) throws IOException {
        json.writeStartObject();
        json.writeStringField("role", role);
        json.writeStringField("content", content);
        json.writeEndObject();
    }

    /** The characters of the prompt, to size the output buffer once. */
    private static int textLength(ChatRequest request) {
        int length = request.system() == null ? 0 : request.system().length();
        for (Message message : request.messages()) {
            length += message.text().length() + 32;
        }
        return length;
    }

    /** The configured headers, the key, and what the reply is accepted as. */
    private static Map<String, String> headers(ProviderConfig config, String accept) {
        Map<String, String> headers = new LinkedHashMap<>(config.headers());
        if (config.apiKey().isPresent()) {
            headers.put("Authorization", "Bearer " + config.apiKey().reveal());
        }
        headers.put("Accept", accept);
        return Map.copyOf(headers);
    }

    private static String tokenLimitField(ProviderConfig config) {
        TokenLimitField field = config.tokenLimitField();
        if (field == TokenLimitField.AUTO) {
            // OpenAI's reasoning models reject max_tokens; most compatible servers know only max_tokens.
            String host = host(config.baseUrl());
            field = host.equals("api.openai.com") || host.endsWith(".openai.azure.com")
                    ? TokenLimitField.MAX_COMPLETION_TOKENS
                    : TokenLimitField.MAX_TOKENS;
        }
        return field == TokenLimitField.MAX_COMPLETION_TOKENS ? "max_completion_tokens" : "max_tokens";
    }

    /** The base URL's host in lower case (DNS names are case-insensitive), or "" if it has none. */
    private static String host(String baseUrl) {
        try {
            String host = URI.create(baseUrl).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return ""; // not a URI we can parse: treat as a compatible server, which is the safer default
        }
    }

    @Override
    public Reply parseReply(byte[] body) {
        ChunkFields.Chunk fields = ChunkFields.scanReply(body);
        if (fields == null) {
            return parseReplyThoroughly(body);
        }
        Optional<Usage> reported = Optional.ofNullable(fields.usage());
        // Before the usage check: an overloaded server may omit usage, and this failure is retryable.
        checkFinish(fields.finishReason(), reported.orElse(Usage.ZERO));
        Usage usage = reported.orElseThrow(OpenAiAdapter::noUsage);
        return reply(fields.model(), fields.id(), fields.content(), fields.refusal(), fields.finishReason(), usage);
    }

    /**
     * The tree reading, for bodies the fast scan declines: errors, wrong shapes, text that is not JSON. It
     * reads every body the fast scan reads to the same reply (tests hold the two to that).
     */
    static Reply parseReplyThoroughly(byte[] body) {
        JsonNode root = Json.tryParse(body)
                .orElseThrow(() -> WireException.malformed("response is not JSON: "
                        + ErrorBodies.summarize(new String(body, java.nio.charset.StandardCharsets.UTF_8))));
        if (Json.at(root, "error") != null) {
            WireError error = readError(200, root);
            throw new WireException(error.kind() == ErrorKind.OTHER ? ErrorKind.MALFORMED_RESPONSE : error.kind(),
                    error.message());
        }
        JsonNode choices = Json.at(root, "choices");
        if (choices == null || !choices.isArray() || choices.isEmpty() || !choices.get(0).isObject()) {
            throw WireException.malformed("response has no choices[0] (is this a Chat Completions endpoint?)");
        }
        JsonNode choice = choices.get(0);
        String rawFinish = Json.text(choice, "finish_reason");
        checkFinish(rawFinish, usage(root).orElse(Usage.ZERO));
        Usage usage = usage(root).orElseThrow(OpenAiAdapter::noUsage);
        return reply(Json.text(root, "model"), Json.text(root, "id"), Json.text(choice, "message", "content"),
                Json.text(choice, "message", "refusal"), rawFinish, usage);
    }

    private static WireException noUsage() {
        return WireException.malformed("response reports no token usage, so its cost cannot be computed");
    }

    /** A refusal with no content is the answer, and it says why the model stopped. */
    private static Reply reply(String model, String id, String content, String refusal, String rawFinish, Usage usage) {
        if ((content == null || content.isEmpty()) && refusal != null) {
            return new Reply(model, id, refusal, FinishReason.CONTENT_FILTER, rawFinish, usage);
        }
        return new Reply(model, id, content == null ? "" : content, finishReason(rawFinish), rawFinish, usage);
    }

    @Override
    public StreamDecoder streamDecoder(ChatRequest request) {
        return new Decoder();
    }

    @Override
    public WireError parseError(int status, Map<String, String> headers, String body) {
        return ErrorBodies.parse(status, body, (code, root) -> readError(code, root));
    }

    /** OpenAI's {@code {"error": {...}}}, and the shapes of compatible servers (vLLM, Ollama, proxies). */
    static WireError readError(int status, JsonNode root) {
        JsonNode error = Json.at(root, "error");
        String message;
        String type = null;
        String code = null;
        if (error != null && error.isObject()) {
            message = Json.text(error, "message");
            type = Json.text(error, "type");
            JsonNode codeNode = Json.at(error, "code");
            code = codeNode == null ? null : codeNode.asText();
        } else if (error != null && error.isTextual()) {
            message = error.asText();
        } else {
            message = Json.text(root, "message");
            if (message == null) {
                JsonNode detail = Json.at(root, "detail");
                message = detail == null ? null : detail.isTextual() ? detail.asText() : detail.toString();
            }
            type = Json.text(root, "type");
        }
        if (message == null) {
            message = ErrorBodies.summarize(root.toString());
        }
        return new WireError(classify(status, type, code, message), message);
    }

    private static ErrorKind classify(int status, String type, String code, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)
                || lower.contains("insufficient balance")) {
            return ErrorKind.QUOTA_EXHAUSTED;
        }
        if ("context_length_exceeded".equals(code) || lower.contains("maximum context length")
                || lower.contains("context length") || lower.contains("context window")) {
            return ErrorKind.CONTEXT_OVERFLOW;
        }
        if ("model_not_found".equals(code)) {
            return ErrorKind.NOT_FOUND;
        }
        if (status == 200) {
            // An error object where a reply was expected: the server says why in its type.
            return "server_error".equals(type) ? ErrorKind.SERVER_ERROR : ErrorKind.OTHER;
        }
        return ErrorKind.ofStatus(status);
    }

    /** Usage in disjoint buckets, or empty if the body has none. */
    static Optional<Usage> usage(JsonNode root) {
        return usageOf(Json.at(root, "usage"));
    }

    /** Usage in disjoint buckets from a {@code usage} object, or empty if it is null or not an object. */
    static Optional<Usage> usageOf(JsonNode usage) {
        return Optional.ofNullable(UsageFields.of(usage));
    }

    static FinishReason finishReason(String raw) {
        if (raw == null) {
            return FinishReason.OTHER;
        }
        return switch (raw) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALL;
            default -> FinishReason.OTHER;
        };
    }

    /** DeepSeek ends a reply it could not finish with this finish reason instead of an HTTP error. */
    private static void checkFinish(String rawFinish, Usage usage) {
        if ("insufficient_system_resource".equals(rawFinish)) {
            throw new WireException(ErrorKind.OVERLOADED,
                    "the provider stopped the answer for lack of resources (finish_reason insufficient_system_resource)",
                    usage);
        }
    }

    /** Reads {@code chat.completion.chunk} events; usage arrives in a final chunk with empty choices. */
    private static final class Decoder implements StreamDecoder {
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder refusal = new StringBuilder();
        private String model;
        private String id;
        private String rawFinish;
        private Usage usage;
        private boolean done;

        private final ChunkFields.StreamScanner scanner = new ChunkFields.StreamScanner();

        @Override
        public void accept(SseEvent event, CallListener listener) {
            String data = event.data().strip();
            if (data.equals("[DONE]")) {
                done = true;
                return;
            }
            ChunkFields.Chunk fields = ChunkFields.scan(data);
            if (fields == null) {
                acceptThoroughly(data, listener);
                return;
            }
            if (!fields.choicesPresent() && !fields.usagePresent()) {
                throw WireException.malformed("stream event is not a chat.completion.chunk: " + ErrorBodies.summarize(data));
            }
            accept(fields, listener);
        }

        /** The same as {@link #accept(SseEvent, CallListener)}, read from the event's bytes. */
        @Override
        public void accept(SseBytes event, CallListener listener) {
            if (event.dataIs("[DONE]")) {
                done = true;
                return;
            }
            ChunkFields.Chunk fields = scanner.scan(event.data(), event.length(), model == null);
            if (fields == null || !fields.choicesPresent() && !fields.usagePresent()) {
                accept(event.toEvent(), listener); // the string reading says what is wrong, or reads it thoroughly
                return;
            }
            accept(fields, listener);
        }

        private void accept(ChunkFields.Chunk fields, CallListener listener) {
            if (model == null) {
                model = fields.model();
                id = fields.id();
            }
            if (fields.usage() != null) {
                usage = fields.usage();
            }
            take(fields.content(), fields.refusal(), fields.finishReason(), listener);
        }

        /** The tree reading, for events the fast scan declines: errors, non-objects, text that is not JSON. */
        private void acceptThoroughly(String data, CallListener listener) {
            JsonNode chunk = Json.tryParse(data).orElseThrow(() -> WireException.malformed(
                    "stream event is not JSON: " + ErrorBodies.summarize(data)));
            if (Json.at(chunk, "error") != null) {
                WireError error = readError(200, chunk);
                ErrorKind kind = error.kind() == ErrorKind.OTHER ? ErrorKind.SERVER_ERROR : error.kind();
                throw new WireException(kind, "error event in stream: " + error.message(), usageSoFar());
            }
            if (!chunk.isObject() || (Json.at(chunk, "choices") == null && Json.at(chunk, "usage") == null)) {
                throw WireException.malformed("stream event is not a chat.completion.chunk: " + ErrorBodies.summarize(data));
            }
            if (model == null) {
                model = Json.text(chunk, "model");
                id = Json.text(chunk, "id");
            }
            usage(chunk).ifPresent(u -> usage = u);
            JsonNode choices = Json.at(chunk, "choices");
            if (choices != null && choices.isArray() && !choices.isEmpty()) {
                JsonNode choice = choices.get(0);
                take(Json.text(choice, "delta", "content"), Json.text(choice, "delta", "refusal"),
                        Json.text(choice, "finish_reason"), listener);
            }
        }

        private void take(String delta, String refused, String finish, CallListener listener) {
            if (delta != null && !delta.isEmpty()) {
                text.append(delta);
                listener.onText(delta);
            }
            if (refused != null) {
                refusal.append(refused);
            }
            if (finish != null) {
                rawFinish = finish;
            }
        }

        @Override
        public boolean complete() {
            return done;
        }

        @Override
        public Reply finish() {
            if (rawFinish == null) {
                throw new WireException(ErrorKind.MALFORMED_RESPONSE,
                        "stream ended before the model finished (no finish_reason)", usageSoFar());
            }
            checkFinish(rawFinish, usageSoFar());
            if (usage == null) {
                throw WireException.malformed("stream reports no token usage (the server ignored"
                        + " stream_options.include_usage), so its cost cannot be computed; turn streaming off for this provider");
            }
            if (text.isEmpty() && !refusal.isEmpty()) {
                return new Reply(model, id, refusal.toString(), FinishReason.CONTENT_FILTER, rawFinish, usage);
            }
            return new Reply(model, id, text.toString(), finishReason(rawFinish), rawFinish, usage);
        }

        @Override
        public Usage usageSoFar() {
            return usage == null ? Usage.ZERO : usage;
        }
    }
}
