package io.ailanes.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline of {@code benchmarks/cli-startup.sh}: a JVM that makes one plain JDK HttpClient call, a Chat
 * Completions request with the prompt in a file, and prints the reply's size. It uses only the JDK (run it with
 * {@code -cp benchmarks/target/classes}), so it is what any Java program pays to start and make one call.
 *
 * <p>Usage: {@code JdkHttpCall BASE_URL PROMPT_FILE}, e.g. {@code http://127.0.0.1:8080/v1 prompt.txt}.
 */
public final class JdkHttpCall {

    private JdkHttpCall() {}

    public static void main(String[] args) throws Exception {
        String prompt = Files.readString(Path.of(args[1]));
        String body = "{\"model\":\"deepseek-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + escape(prompt)
                + "\"}],\"max_tokens\":1024}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0] + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            System.err.println("HTTP " + response.statusCode() + ": " + response.body());
            System.exit(1);
        }
        System.out.println(response.body().getBytes(StandardCharsets.UTF_8).length + " bytes");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
