package io.ailanes.engine.provider.http;

import io.ailanes.engine.provider.ErrorKind;
import java.util.regex.Pattern;

/** Turns an error body that is not the provider's JSON (an HTML page from a proxy, plain text) into a short message. */
public final class ErrorBodies {

    private static final int MAX_LENGTH = 300;
    private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern TAGS = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private ErrorBodies() {}

    /**
     * Reads an error body with the provider's reader when it is JSON; otherwise (an HTML page, plain text)
     * classifies by status alone and summarises the body.
     */
    public static WireError parse(int status, String body, java.util.function.BiFunction<Integer, com.fasterxml.jackson.databind.JsonNode, WireError> reader) {
        return io.ailanes.engine.json.Json.tryParse(body)
                .map(root -> reader.apply(status, root))
                .orElseGet(() -> new WireError(ErrorKind.ofStatus(status), summarize(body)));
    }

    public static String summarize(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String text = body;
        var title = TITLE.matcher(body);
        if (title.find()) {
            text = title.group(1);
        } else if (body.stripLeading().startsWith("<")) {
            text = TAGS.matcher(body).replaceAll(" ");
        }
        text = SPACE.matcher(text).replaceAll(" ").strip();
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
    }
}
