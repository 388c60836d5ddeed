package io.ailanes.engine.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.provider.http.ErrorBodies;
import io.ailanes.engine.provider.http.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the parts of a {@code GenerateContentResponse} (a whole reply, or one chunk of a stream) that AI Lanes
 * uses: usage, the answer text, the finish reason and safety blocks.
 */
final class GeminiReplies {

    /** Finish reasons that mean the provider filtered the answer. */
    private static final Set<String> FILTERED = Set.of(
            "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY");

    private GeminiReplies() {}

    /**
     * Fails unless {@code root} looks like a {@code GenerateContentResponse}: valid JSON of another shape must not
     * pass as an empty answer.
     */
    static void requireResponseShape(JsonNode root, String what) {
        boolean shaped = root != null && root.isObject()
                && (root.has("candidates") || root.has("usageMetadata") || root.has("promptFeedback"));
        JsonNode candidates = Json.at(root, "candidates");
        JsonNode usage = Json.at(root, "usageMetadata");
        if (!shaped || (candidates != null && !candidates.isArray()) || (usage != null && !usage.isObject())) {
            throw WireException.malformed(what + " is not a GenerateContentResponse: "
                    + ErrorBodies.summarize(String.valueOf(root)));
        }
    }

    /**
     * Usage in disjoint buckets, or empty if the body has no {@code usageMetadata}.
     *
     * <p>{@code promptTokenCount} includes {@code cachedContentTokenCount}, so the cached part is taken out of the
     * plain-rate input. {@code toolUsePromptTokenCount} (content a server-side tool such as URL context or code
     * execution fed back to the model) is not part of {@code promptTokenCount} but counts in
     * {@code totalTokenCount} and is billed as input, so it is added to the plain-rate input.
     * {@code thoughtsTokenCount} is not part of {@code candidatesTokenCount} and is billed as output: it is the
     * reasoning bucket.
     */
    static Optional<Usage> usage(JsonNode root) {
        JsonNode usage = Json.at(root, "usageMetadata");
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        long prompt = Json.count(usage, "promptTokenCount");
        long cached = Math.min(Json.count(usage, "cachedContentTokenCount"), prompt);
        long toolUse = Json.count(usage, "toolUsePromptTokenCount");
        long candidates = Json.count(usage, "candidatesTokenCount");
        long thoughts = Json.count(usage, "thoughtsTokenCount");
        return Optional.of(new Usage(prompt - cached + toolUse, cached, 0, 0, candidates, thoughts));
    }

    /** {@code candidates[0]}, or null if there is none. */
    static JsonNode firstCandidate(JsonNode root) {
        JsonNode candidates = Json.at(root, "candidates");
        if (candidates == null || !candidates.isArray() || candidates.isEmpty() || !candidates.get(0).isObject()) {
            return null;
        }
        return candidates.get(0);
    }

    /** The answer text of a candidate: its text parts, without thought summaries (they are not the answer). */
    static String text(JsonNode candidate) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts(candidate)) {
            JsonNode thought = Json.at(part, "thought");
            String piece = Json.text(part, "text");
            if (piece != null && !(thought != null && thought.asBoolean(false))) {
                text.append(piece);
            }
        }
        return text.toString();
    }

    static boolean hasFunctionCall(JsonNode candidate) {
        for (JsonNode part : parts(candidate)) {
            if (Json.at(part, "functionCall") != null) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> parts(JsonNode candidate) {
        JsonNode parts = Json.at(candidate, "content", "parts");
        List<JsonNode> result = new ArrayList<>();
        if (parts != null && parts.isArray()) {
            parts.forEach(part -> {
                if (part.isObject()) {
                    result.add(part);
                }
            });
        }
        return result;
    }

    static FinishReason finishReason(String raw, boolean functionCall) {
        if (raw == null) {
            return FinishReason.OTHER;
        }
        if (FILTERED.contains(raw)) {
            return FinishReason.CONTENT_FILTER;
        }
        return switch (raw) {
            // Gemini ends a function call with STOP; say what the model actually did.
            case "STOP" -> functionCall ? FinishReason.TOOL_CALL : FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            default -> FinishReason.OTHER; // MALFORMED_FUNCTION_CALL, OTHER, LANGUAGE, FINISH_REASON_UNSPECIFIED...
        };
    }

    static boolean isFiltered(String raw) {
        return raw != null && FILTERED.contains(raw);
    }

    /** The prompt was refused before any answer ({@code promptFeedback.blockReason}): the call fails. */
    static void checkPromptBlocked(JsonNode root, Usage billed) {
        String reason = Json.text(root, "promptFeedback", "blockReason");
        if (reason != null) {
            throw new WireException(ErrorKind.CONTENT_BLOCKED, "the prompt was blocked (blockReason " + reason + "; "
                    + ratings(Json.at(root, "promptFeedback", "safetyRatings")) + ")"
                    + suffix(Json.text(root, "promptFeedback", "blockReasonMessage")), billed);
        }
    }

    /** A filtered answer with no text at all is a failure, not an empty reply. */
    static WireException answerBlocked(String rawFinish, JsonNode safetyRatings, String finishMessage, Usage billed) {
        return new WireException(ErrorKind.CONTENT_BLOCKED, "the answer was blocked (finishReason " + rawFinish + "; "
                + ratings(safetyRatings) + ")" + suffix(finishMessage), billed);
    }

    /** The categories that explain a block: rated MEDIUM or HIGH, or marked blocked. */
    private static String ratings(JsonNode safetyRatings) {
        List<String> named = new ArrayList<>();
        if (safetyRatings != null && safetyRatings.isArray()) {
            for (JsonNode rating : safetyRatings) {
                String category = Json.text(rating, "category");
                String probability = Json.text(rating, "probability");
                JsonNode blocked = Json.at(rating, "blocked");
                boolean isBlocked = blocked != null && blocked.asBoolean(false);
                if (category != null && ("HIGH".equals(probability) || "MEDIUM".equals(probability) || isBlocked)) {
                    named.add(category + ": " + probability + (isBlocked ? " (blocked)" : ""));
                }
            }
        }
        return named.isEmpty() ? "no category rated MEDIUM or HIGH" : String.join(", ", named);
    }

    private static String suffix(String message) {
        return message == null || message.isBlank() ? "" : ": " + ErrorBodies.summarize(message);
    }
}
