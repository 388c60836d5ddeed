package io.ailanes.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** How the model server writes its answers: whole bodies, errors, and server-sent event streams. */
final class Replies {

    static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {}

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** An error body both wire formats' clients read; Jackson writes the message, so no text can break the JSON. */
    static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message);
        send(exchange, status, "application/json", error.toString());
    }

    /** Starts a 200 event stream; the caller closes the returned body. */
    static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** One event, flushed at once as a service streams it; {@code name} null writes no {@code event:} line. */
    static void event(OutputStream out, String name, JsonNode data) throws IOException {
        String text = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The scripted text in word-sized pieces, as a model would stream it. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }
}
