package io.ailanes.engine.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every decoder reads a stream from its bytes ({@link StreamDecoder#accept(SseBytes, CallListener)}, what
 * {@link ProviderClient} calls) exactly as it reads it from strings ({@code accept(SseEvent, ...)}): the same
 * deltas, reply, usage so far, or the same error, for every streamed wire sample, the same samples with an
 * error event, a truncated or garbled event, or trailing content spliced in, and reads of random sizes.
 */
class StreamBytesEquivalenceTest {

    static Stream<Arguments> streams() {
        List<Arguments> cases = new ArrayList<>();
        String[][] samples = {
            {"openai", "openai/stream_gpt4o_text_include_usage.sse"},
            {"openai", "openai/stream_gpt4o_finish_length.sse"},
            {"openai", "openai/stream_gpt4o_refusal.sse"},
            {"openai", "openai/stream_gpt4o_tool_call_include_usage.sse"},
            {"anthropic", "anthropic/stream_basic_text.sse"},
            {"anthropic", "anthropic/stream_error_event_overloaded.sse"},
            {"anthropic", "anthropic/stream_haiku45_tool_use_live.sse"},
            {"anthropic", "anthropic/stream_tool_use_sonnet4.sse"},
            {"gemini", "gemini/stream_basic_reply_short.sse"},
            {"gemini", "gemini/stream_invalid_json_shape.sse"},
            {"gemini", "gemini/stream_thinking_thought_summary.sse"},
        };
        String[] splices = {
            null,
            "data: {\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\"}}\n\n",
            "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
            "data: {\"choices\":[{\"delta\":{\"content\":\"cut\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" ok é\"}}],\"usage\":null} trailing\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" ☃\"}}]}\r\n\r\n",
            "data: \u2003[DONE]\n\n",
            "data: not json\n\n",
            "data:\n\n",
            "data: [1,2]\n\n",
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" more\"}]}}]}\n\n",
        };
        for (String[] sample : samples) {
            String stream = Fixtures.text(sample[1]);
            for (int s = 0; s < splices.length; s++) {
                String text = stream;
                if (splices[s] != null) {
                    int at = stream.indexOf("\n\n", stream.length() / 2);
                    text = at < 0 ? stream + splices[s] : stream.substring(0, at + 2) + splices[s] + stream.substring(at + 2);
                }
                cases.add(Arguments.of(sample[0], sample[1] + (splices[s] == null ? "" : " + splice " + s), text));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("streams")
    void bytesReadAsStrings(String kind, String name, String stream) throws IOException {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        String expected = outcome(kind, bytes, false, new int[] {8192});
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 4; round++) {
            int[] sizes = {1 + random.nextInt(7), 1 + random.nextInt(300), 8192};
            assertThat(outcome(kind, bytes, true, sizes)).as("reads of %s bytes", java.util.Arrays.toString(sizes))
                    .isEqualTo(expected);
        }
    }

    /** Everything a decoder produced, as text: deltas, then the reply or the error, then usage so far. */
    private static String outcome(String kind, byte[] bytes, boolean fromBytes, int[] sizes) throws IOException {
        ProviderConfig config = ProviderConfig.of(kind, ProviderKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)),
                switch (kind) {
                    case "openai" -> "https://api.openai.com/v1";
                    case "anthropic" -> "https://api.anthropic.com/v1";
                    default -> "https://generativelanguage.googleapis.com/v1beta";
                }, ApiKey.NONE);
        StreamDecoder decoder = Providers.adapter(config).streamDecoder(
                ChatRequest.builder("m").user("hi").stream(true).build());
        StringBuilder out = new StringBuilder();
        CallListener listener = new CallListener() {
            @Override
            public void onText(String delta) {
                out.append("delta[").append(delta).append("] ");
            }
        };
        try (SseReader reader = new SseReader(chopped(bytes, sizes))) {
            try {
                if (fromBytes) {
                    SseBytes event;
                    while (!decoder.complete() && (event = reader.nextBytes()) != null) {
                        decoder.accept(event, listener);
                    }
                } else {
                    SseEvent event;
                    while (!decoder.complete() && (event = reader.next()) != null) {
                        decoder.accept(event, listener);
                    }
                }
                out.append("reply ").append(decoder.finish());
            } catch (WireException e) {
                out.append("error ").append(e.kind()).append(' ').append(e.getMessage());
            }
            out.append(" stray[").append(reader.stray()).append("]");
        }
        return out.append(" usage ").append(decoder.usageSoFar()).toString();
    }

    private static InputStream chopped(byte[] bytes, int[] sizes) {
        return new ByteArrayInputStream(bytes) {
            private int turn;

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, sizes[turn++ % sizes.length]));
            }
        };
    }
}
