package io.ailanes.engine.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.http.ErrorBodies;
import io.ailanes.engine.provider.http.WireError;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies Gemini's Google-RPC error objects: {@code {"error": {"code", "message", "status", "details"}}}, where
 * {@code status} is the canonical gRPC code and {@code details} may hold {@code google.rpc.ErrorInfo},
 * {@code QuotaFailure} and {@code RetryInfo}.
 */
final class GeminiErrors {

    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final String QUOTA_FAILURE = "type.googleapis.com/google.rpc.QuotaFailure";
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
    /** A protobuf Duration in JSON: decimal seconds with an {@code s} suffix ({@code "37s"}, {@code "0.5s"}). */
    private static final Pattern PROTO_DURATION = Pattern.compile("(\\d{1,12}(?:\\.\\d{1,9})?)s");

    private GeminiErrors() {}

    /** Reads an error body of any form: Gemini's JSON, or an HTML/text page from a proxy. */
    static WireError parse(int status, String body) {
        return Json.tryParse(body)
                .map(root -> root.isArray() && !root.isEmpty() ? root.get(0) : root) // some endpoints wrap it in [..]
                .filter(root -> Json.at(root, "error") != null && Json.at(root, "error").isObject())
                .map(root -> read(status, root))
                .orElseGet(() -> new WireError(ErrorKind.ofStatus(status), ErrorBodies.summarize(body)));
    }

    /**
     * Reads a body holding an {@code error} object.
     *
     * @param status the HTTP status; for an error sent inside a 2xx stream, the object's own {@code code} is used
     */
    static WireError read(int status, JsonNode root) {
        JsonNode error = Json.at(root, "error");
        String grpcStatus = Json.text(error, "status");
        String reason = errorInfoReason(error);
        String message = Json.text(error, "message");
        if (message == null || message.isBlank()) {
            message = grpcStatus != null ? grpcStatus : "(no message)";
        }
        int httpStatus = status >= 200 && status < 300 && Json.hasNumber(error, "code")
                ? Json.at(error, "code").asInt()
                : status;
        ErrorKind kind = classify(httpStatus, grpcStatus, reason, message, error);
        // DebugInfo details are not echoed: they can repeat the request's credential ("Invalid API key: ...").
        String described = message + " (" + (grpcStatus == null ? "HTTP " + httpStatus : grpcStatus)
                + (reason == null ? "" : ", " + reason) + ")";
        return new WireError(kind, described, retryDelay(error));
    }

    private static ErrorKind classify(int status, String grpcStatus, String reason, String message, JsonNode error) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (grpcStatus == null) {
            return ErrorKind.ofStatus(status);
        }
        return switch (grpcStatus) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> {
                if ("API_KEY_INVALID".equals(reason)) {
                    yield ErrorKind.AUTHENTICATION; // Google reports a bad key as 400, not 401
                }
                if (lower.contains("exceeds the maximum number of tokens") || lower.contains("input token count")
                        || lower.contains("context window") || lower.contains("context length")) {
                    yield ErrorKind.CONTEXT_OVERFLOW;
                }
                yield ErrorKind.BAD_REQUEST;
            }
            case "UNAUTHENTICATED" -> ErrorKind.AUTHENTICATION;
            case "PERMISSION_DENIED" -> ErrorKind.PERMISSION;
            case "NOT_FOUND" -> ErrorKind.NOT_FOUND;
            // A per-day quota does not come back within any retry budget (the RetryInfo Google sends with it
            // is the per-minute one), so it fails at once and a lane can fall back; per-minute limits wait.
            case "RESOURCE_EXHAUSTED" -> dailyQuota(error) ? ErrorKind.QUOTA_EXHAUSTED : ErrorKind.RATE_LIMITED;
            case "UNAVAILABLE" -> ErrorKind.OVERLOADED; // "The model is overloaded. Please try again later."
            case "INTERNAL", "UNKNOWN", "DATA_LOSS" -> ErrorKind.SERVER_ERROR;
            case "DEADLINE_EXCEEDED" -> ErrorKind.REQUEST_TIMEOUT;
            case "ABORTED" -> ErrorKind.CONFLICT;
            // The server gave up on the request (not our Cancellation): worth another try.
            case "CANCELLED" -> ErrorKind.SERVER_ERROR;
            case "UNIMPLEMENTED" -> ErrorKind.BAD_REQUEST;
            default -> ErrorKind.ofStatus(status);
        };
    }

    private static String errorInfoReason(JsonNode error) {
        JsonNode details = Json.at(error, "details");
        if (details != null && details.isArray()) {
            for (JsonNode detail : details) {
                if (ERROR_INFO.equals(Json.text(detail, "@type")) && Json.text(detail, "reason") != null) {
                    return Json.text(detail, "reason");
                }
            }
        }
        return null;
    }

    private static boolean dailyQuota(JsonNode error) {
        JsonNode details = Json.at(error, "details");
        if (details == null || !details.isArray()) {
            return false;
        }
        for (JsonNode detail : details) {
            String type = Json.text(detail, "@type");
            if (QUOTA_FAILURE.equals(type)) {
                JsonNode violations = Json.at(detail, "violations");
                if (violations != null && violations.isArray()) {
                    for (JsonNode violation : violations) {
                        if (perDay(Json.text(violation, "quotaId"))) {
                            return true;
                        }
                    }
                }
            } else if (ERROR_INFO.equals(type) && perDay(Json.text(detail, "metadata", "quota_limit"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean perDay(String quotaId) {
        return quotaId != null && quotaId.toLowerCase(Locale.ROOT).contains("perday");
    }

    /** {@code google.rpc.RetryInfo.retryDelay}, or null. */
    static Duration retryDelay(JsonNode error) {
        JsonNode details = Json.at(error, "details");
        if (details == null || !details.isArray()) {
            return null;
        }
        for (JsonNode detail : details) {
            String delay = RETRY_INFO.equals(Json.text(detail, "@type")) ? Json.text(detail, "retryDelay") : null;
            if (delay != null) {
                Matcher matcher = PROTO_DURATION.matcher(delay.strip());
                if (matcher.matches()) {
                    return Duration.ofMillis(new BigDecimal(matcher.group(1)).movePointRight(3).longValue());
                }
            }
        }
        return null;
    }
}
