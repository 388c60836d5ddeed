package io.ailanes.modelserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The model server over real HTTP (the JDK's client): both wire formats plain and streamed with their usage, the
 * prompt cache on and off, the record of each request, its refusals, and the forward proxy with its 407 gate.
 */
class ModelServerTest {

    private static final String KEY = "Bearer sk-model-server-test";
    /** Long enough (80 tokens) that a repeat shares a whole 64-token cache block. */
    private static final String LONG_PROMPT = "x".repeat(320);

    private final HttpClient client = HttpClient.newHttpClient();
    private ModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) {
        try {
            return Replies.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /**
     * A request written by hand on a socket, as a client configured with a proxy and its credentials sends it (the
     * JDK's client does not let a caller set {@code Proxy-Authorization}); the whole response as text.
     */
    private static String rawPost(int port, String target, String proxyAuthorization, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + target + " HTTP/1.1\r\nHost: provider.invalid\r\nAuthorization: " + KEY
                    + "\r\nProxy-Authorization: " + proxyAuthorization + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String chat(String model, String prompt, boolean stream) {
        return Replies.JSON.createObjectNode().put("model", model).put("stream", stream)
                .set("messages", Replies.JSON.createArrayNode().add(Replies.JSON.createObjectNode()
                        .put("role", "user").put("content", prompt))).toString();
    }

    /** The {@code data:} payloads of a server-sent event stream, with the event names before them. */
    private static List<String> events(String stream) {
        List<String> lines = new ArrayList<>();
        for (String line : stream.split("\n")) {
            if (line.startsWith("data: ") || line.startsWith("event: ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void chatCompletionsAnswersFromTheScriptWithUsage() throws Exception {
        server = ModelServer.start(0, (protocol, model, prompt) -> protocol + " " + model + " got " + prompt.strip());

        HttpResponse<String> response = post(server.openAiBaseUrl() + "/chat/completions", chat("m1", "hello", false));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode reply = json(response.body());
        assertThat(reply.at("/object").asText()).isEqualTo("chat.completion");
        assertThat(reply.at("/choices/0/message/content").asText()).isEqualTo("openai m1 got hello");
        assertThat(reply.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        // "hello\n" is 6 characters: (6 + 3) / 4 = 2 tokens; the 19-character answer (19 + 3) / 4 = 5.
        assertThat(reply.at("/usage/prompt_tokens").asLong()).isEqualTo(2);
        assertThat(reply.at("/usage/completion_tokens").asLong()).isEqualTo(5);
        assertThat(reply.at("/usage/total_tokens").asLong()).isEqualTo(7);
        assertThat(reply.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isZero();
    }

    @Test
    void chatCompletionsStreamsWordsThenFinishThenUsageThenDone() throws Exception {
        server = ModelServer.start(0, (protocol, model, prompt) -> "two words");

        HttpResponse<String> response = post(server.openAiBaseUrl() + "/chat/completions", chat("m1", "hi", true));

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<String> events = events(response.body());
        assertThat(events).hasSize(5).last().isEqualTo("data: [DONE]");
        assertThat(json(events.get(0).substring(6)).at("/choices/0/delta/content").asText()).isEqualTo("two");
        assertThat(json(events.get(1).substring(6)).at("/choices/0/delta/content").asText()).isEqualTo(" words");
        assertThat(json(events.get(2).substring(6)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = json(events.get(3).substring(6));
        assertThat(usage.at("/choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asLong()).isEqualTo(3); // (9 + 3) / 4
    }

    @Test
    void messagesStreamCarriesTheExplicitCacheWrittenThenRead() throws Exception {
        server = ModelServer.start(0, (protocol, model, prompt) -> protocol + " answer");
        String body = """
                {"model": "c1", "max_tokens": 100, "stream": true,
                 "system": [{"type": "text", "text": "%s", "cache_control": {"type": "ephemeral"}}],
                 "messages": [{"role": "user", "content": "the question"}]}""".formatted(LONG_PROMPT);

        List<String> first = events(post(server.anthropicBaseUrl() + "/v1/messages", body).body());
        List<String> second = events(post(server.anthropicBaseUrl() + "/v1/messages", body).body());

        assertThat(first.get(0)).isEqualTo("event: message_start");
        JsonNode start = json(first.get(1).substring(6));
        // The system block and its new line (321 characters) is the cached prefix: (321 + 3) / 4 = 81 tokens; the
        // whole prompt adds "the question\n" (334 characters, 84 tokens), so 3 tokens are plain input.
        assertThat(start.at("/message/usage/cache_creation_input_tokens").asLong()).isEqualTo(81);
        assertThat(start.at("/message/usage/cache_read_input_tokens").asLong()).isZero();
        assertThat(start.at("/message/usage/input_tokens").asLong()).isEqualTo(3);
        JsonNode again = json(second.get(1).substring(6));
        assertThat(again.at("/message/usage/cache_creation_input_tokens").asLong()).isZero();
        assertThat(again.at("/message/usage/cache_read_input_tokens").asLong()).isEqualTo(81);
        assertThat(again.at("/message/usage/input_tokens").asLong()).isEqualTo(3);
        assertThat(first).contains("event: content_block_delta", "event: message_delta", "event: message_stop");
        int delta = first.indexOf("event: message_delta");
        assertThat(json(first.get(delta + 1).substring(6)).at("/usage/output_tokens").asLong()).isEqualTo(4); // 16 chars
        String text = first.stream().filter(line -> line.contains("text_delta"))
                .map(line -> json(line.substring(6)).at("/delta/text").asText()).reduce("", String::concat);
        assertThat(text).isEqualTo("anthropic answer");
    }

    @Test
    void messagesPlainReplyHasTextAndUsage() throws Exception {
        server = ModelServer.start(0, (protocol, model, prompt) -> "[" + prompt + "]");

        JsonNode reply = json(post(server.anthropicBaseUrl() + "/v1/messages", """
                {"model": "c1", "max_tokens": 100, "system": "be brief",
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "hi"}]}]}""").body());

        assertThat(reply.at("/type").asText()).isEqualTo("message");
        assertThat(reply.at("/content/0/text").asText()).isEqualTo("[be brief\nhi\n]");
        assertThat(reply.at("/stop_reason").asText()).isEqualTo("end_turn");
        assertThat(reply.at("/usage/input_tokens").asLong()).isEqualTo(3); // 12 characters
        assertThat(reply.at("/usage/cache_creation_input_tokens").asLong()).isZero();
    }

    @Test
    void aRepeatedPrefixIsReportedCachedInWholeBlocksUnlessTheCacheIsOff() throws Exception {
        server = ModelServer.start(0, (protocol, model, prompt) -> "ok");
        post(server.openAiBaseUrl() + "/chat/completions", chat("m1", LONG_PROMPT, false));
        JsonNode repeat = json(post(server.openAiBaseUrl() + "/chat/completions", chat("m1", LONG_PROMPT + "more", false))
                .body());
        JsonNode otherModel = json(post(server.openAiBaseUrl() + "/chat/completions", chat("m2", LONG_PROMPT, false))
                .body());
        // 320 shared characters are (320 + 3) / 4 = 80 tokens: one whole block of 64.
        assertThat(repeat.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isEqualTo(64);
        assertThat(otherModel.at("/usage/prompt_tokens_details/cached_tokens").asLong()).as("per model").isZero();
        server.close();

        server = ModelServer.start(0, (protocol, model, prompt) -> "ok", PromptCache.OFF);
        post(server.openAiBaseUrl() + "/chat/completions", chat("m1", LONG_PROMPT, false));
        JsonNode uncached = json(post(server.openAiBaseUrl() + "/chat/completions", chat("m1", LONG_PROMPT, false))
                .body());
        assertThat(uncached.at("/usage/prompt_tokens_details/cached_tokens").asLong()).isZero();
        assertThat(uncached.at("/usage/prompt_tokens").asLong()).isEqualTo(81);
    }

    @Test
    void eachRequestIsRecordedWithItsTargetHeadersAndBody() throws Exception {
        server = ModelServer.start(0, (protocol, model, prompt) -> "ok");

        post(server.openAiBaseUrl() + "/chat/completions?trace=1", chat("m1", "hi", false));

        Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo("/v1/chat/completions?trace=1");
        assertThat(request.header("authorization")).isEqualTo(KEY);
        assertThatThrownBy(() -> request.headers().put("Authorization", List.of("changed")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(request.body().path("model").asText()).isEqualTo("m1");
        assertThat(request.proxyRefused()).isFalse();
        assertThat(server.authorizations()).containsExactly(KEY);
        assertThat(server.bodies()).extracting(body -> body.path("model").asText()).containsExactly("m1");
    }

    @Test
    void badRequestsAreRefusedSayingWhatWasWrong() throws Exception {
        server = ModelServer.start(0, (protocol, model, prompt) -> "ok");

        HttpResponse<String> notJson = post(server.openAiBaseUrl() + "/chat/completions", "[1, 2]");
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(server.openAiBaseUrl() + "/models"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = post(server.openAiBaseUrl() + "/a%22b", chat("m1", "hi", false));

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson.body()).at("/error/message").asText()).isEqualTo("body is not a JSON object");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(json(get.body()).at("/error/message").asText()).isEqualTo("use POST");
        assertThat(unknown.statusCode()).isEqualTo(404);
        // The decoded path holds a quote: the error is still valid JSON and names it.
        assertThat(json(unknown.body()).at("/error/message").asText()).isEqualTo("no such endpoint: /v1/a\"b");
        assertThat(server.received()).hasSize(3);
        assertThat(server.bodies()).as("only JSON objects").hasSize(1);
    }

    @Test
    void asAProxyItAnswersAbsoluteFormRequestsAndDemandsItsCredentials() throws Exception {
        server = ModelServer.start(0, (protocol, model, prompt) -> "through the proxy");
        HttpClient proxied = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", server.port()))).build();
        String url = "http://provider.invalid/v1/chat/completions";
        server.requireProxyAuthorization("Basic right");

        HttpResponse<String> refused = proxied.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(chat("m1", "hi", false))).build(),
                HttpResponse.BodyHandlers.ofString());
        String answered = rawPost(server.port(), url, "Basic right", chat("m1", "hi", false));

        assertThat(refused.statusCode()).isEqualTo(407);
        assertThat(refused.headers().firstValue("Proxy-Authenticate")).hasValue("Basic realm=\"corp\"");
        assertThat(answered).startsWith("HTTP/1.1 200").contains("through the proxy");
        assertThat(server.targets()).containsExactly(url, url);
        assertThat(server.proxyAuthorizations()).isEqualTo(Arrays.asList(null, "Basic right"));
        assertThat(server.received().get(0).proxyRefused()).isTrue();
        assertThat(server.bodies()).as("the refused request was not answered").hasSize(1);
        assertThat(server.authorizations()).containsExactly(KEY);

        server.requireProxyAuthorization(null);
        assertThat(proxied.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(chat("m1", "hi", false))).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the gate lifted").isEqualTo(200);
    }
}
