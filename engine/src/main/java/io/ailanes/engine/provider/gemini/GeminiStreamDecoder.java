package io.ailanes.engine.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.provider.http.ErrorBodies;
import io.ailanes.engine.provider.http.Reply;
import io.ailanes.engine.provider.http.SseBytes;
import io.ailanes.engine.provider.http.SseEvent;
import io.ailanes.engine.provider.http.StreamDecoder;
import io.ailanes.engine.provider.http.WireError;
import io.ailanes.engine.provider.http.WireException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads {@code streamGenerateContent?alt=sse}: every event is a whole {@code GenerateContentResponse} chunk whose
 * {@code usageMetadata} is cumulative. There is no end marker, so the stream is read to its end: usage may still
 * grow after the chunk that carries the finish reason.
 */
final class GeminiStreamDecoder implements StreamDecoder {

    private final StringBuilder text = new StringBuilder();
    private String model;
    private String id;
    private String rawFinish;
    private JsonNode finishRatings;
    private String finishMessage;
    private boolean functionCall;
    private Usage usage;

    @Override
    public void accept(SseEvent event, CallListener listener) {
        String data = event.data().strip();
        accept(Json.tryParse(data), () -> data, listener);
    }

    /** The same, the tree read from the event's bytes (no string of the data unless it is needed). */
    @Override
    public void accept(SseBytes event, CallListener listener) {
        Optional<JsonNode> parsed = event.json();
        if (parsed.isEmpty()) {
            accept(event.toEvent(), listener); // white space beyond ASCII, or not JSON: the string reading decides
            return;
        }
        accept(parsed, () -> event.text().strip(), listener);
    }

    private void accept(Optional<JsonNode> parsed, Supplier<String> data, CallListener listener) {
        JsonNode chunk = parsed.orElseThrow(() -> new WireException(ErrorKind.MALFORMED_RESPONSE,
                "stream event is not JSON: " + ErrorBodies.summarize(data.get()), usageSoFar()));
        if (Json.at(chunk, "error") != null && Json.at(chunk, "error").isObject()) {
            WireError error = GeminiErrors.read(200, chunk);
            ErrorKind kind = error.kind() == ErrorKind.OTHER ? ErrorKind.SERVER_ERROR : error.kind();
            throw new WireException(kind, "error event in stream: " + error.message(), usageSoFar());
        }
        try {
            GeminiReplies.requireResponseShape(chunk, "stream event");
        } catch (WireException e) {
            throw new WireException(e.kind(), e.getMessage(), usageSoFar());
        }
        // Cumulative: the latest report replaces the earlier ones.
        GeminiReplies.usage(chunk).ifPresent(u -> usage = u);
        String chunkModel = Json.text(chunk, "modelVersion");
        model = chunkModel != null ? chunkModel : model;
        String chunkId = Json.text(chunk, "responseId");
        id = chunkId != null ? chunkId : id;
        GeminiReplies.checkPromptBlocked(chunk, usageSoFar());
        JsonNode candidate = GeminiReplies.firstCandidate(chunk);
        if (candidate == null) {
            return;
        }
        String delta = GeminiReplies.text(candidate);
        if (!delta.isEmpty()) {
            text.append(delta);
            listener.onText(delta);
        }
        functionCall |= GeminiReplies.hasFunctionCall(candidate);
        String finish = Json.text(candidate, "finishReason");
        if (finish != null) {
            rawFinish = finish;
            finishRatings = Json.at(candidate, "safetyRatings");
            finishMessage = Json.text(candidate, "finishMessage");
        }
    }

    @Override
    public boolean complete() {
        // No end marker: the end of the stream is the end (see the class comment).
        return false;
    }

    @Override
    public Reply finish() {
        if (rawFinish == null) {
            throw new WireException(ErrorKind.MALFORMED_RESPONSE,
                    "stream ended before the model finished (no finishReason)", usageSoFar());
        }
        if (usage == null) {
            throw WireException.malformed("stream reports no usageMetadata, so its cost cannot be computed");
        }
        if (text.isEmpty() && GeminiReplies.isFiltered(rawFinish)) {
            throw GeminiReplies.answerBlocked(rawFinish, finishRatings, finishMessage, usage);
        }
        return new Reply(model, id, text.toString(), GeminiReplies.finishReason(rawFinish, functionCall), rawFinish,
                usage);
    }

    @Override
    public Usage usageSoFar() {
        return usage == null ? Usage.ZERO : usage;
    }
}
