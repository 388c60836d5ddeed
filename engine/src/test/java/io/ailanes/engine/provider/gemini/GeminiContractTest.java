package io.ailanes.engine.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderContract;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** The provider contract with Gemini's own recorded bodies and streams (FirebaseExtended/vertexai-sdk-test-data). */
class GeminiContractTest extends ProviderContract {

    private static final String BASIC_STREAM = "gemini/stream_basic_reply_short.sse";

    @Override
    protected ProviderConfig config(MockWebServer server) {
        return GeminiTestSupport.config(server);
    }

    @Override
    protected List<String> fixtureFolders() {
        return List.of("gemini");
    }

    @Override
    protected String model() {
        return "gemini-2.0-flash";
    }

    @Override
    protected List<Reply> replies() {
        return List.of(
                new Reply("basic reply", Fixtures.text("gemini/generateContent_basic_reply_short.json"),
                        "gemini-2.0-flash", new Expected("Google's headquarters, also known as the Googleplex, is"
                                + " located in **Mountain View, California**.\n", FinishReason.STOP, "STOP",
                                "gemini-2.0-flash", null, new Usage(7, 0, 0, 0, 22, 0)), 29L),
                // totalTokenCount 40 = prompt 14 + candidates 2 + thoughts 24: thoughts are apart from candidates
                // and leave the thought summaries out of the text.
                new Reply("thoughts counted as reasoning", Fixtures.text(
                        "gemini/generateContent_thinking_thoughtsTokenCount.json"), "gemini-2.5-flash",
                        new Expected("Mountain View", FinishReason.STOP, "STOP", "gemini-2.5-flash",
                                "2pmHaJqQEoqC-8YP6eStyAY", new Usage(14, 0, 0, 0, 2, 24)), 40L),
                // Function calls and thought signatures carry no answer text.
                new Reply("function call and thought signature", Fixtures.text(
                        "gemini/generateContent_thinking_function_call_signature.json"), "gemini-2.5-pro",
                        new Expected("", FinishReason.TOOL_CALL, "STOP", "gemini-2.5-pro", "38CHaLjMG6TujrEPtvTiuQk",
                                new Usage(38, 0, 0, 0, 8, 501)), 547L),
                // promptTokenCount 12013 includes cachedContentTokenCount 11243: 770 at the plain rate.
                new Reply("implicitly cached tokens", Fixtures.text(
                        "gemini/generateContent_implicit_caching_cachedContentTokenCount.json"), "gemini-2.5-flash",
                        new Expected("Red Riding Hood is looking for **directions** in the forest.", FinishReason.STOP,
                                "STOP", "gemini-2.5-flash", null, new Usage(770, 11243, 0, 0, 15, 73)), 12101L),
                // An answer stopped for safety keeps the text it had.
                new Reply("answer stopped for safety", Fixtures.text("gemini/generateContent_finish_reason_safety.json"),
                        "gemini-2.0-flash", new Expected("Safety error incoming in 5, 4, 3, 2...",
                                FinishReason.CONTENT_FILTER, "SAFETY", "gemini-2.0-flash", null,
                                new Usage(7, 0, 0, 0, 20, 0)), 27L));
    }

    @Override
    protected List<StreamReply> streams() {
        return List.of(
                // Every chunk repeats promptTokenCount 7: summing would bill 21.
                new StreamReply("basic stream", Fixtures.text(BASIC_STREAM), "gemini-2.0-flash",
                        List.of("The", " capital of Wyoming", " is **Cheyenne**.\n"),
                        new Expected("The capital of Wyoming is **Cheyenne**.\n", FinishReason.STOP, "STOP",
                                "gemini-2.0-flash", null, new Usage(7, 0, 0, 0, 10, 0))),
                // Only the answer is streamed, not the thought summaries ("Exploring Sky Color"); the final chunk's
                // totalTokenCount 598 = prompt 10 + candidates 48 + thoughts 540.
                new StreamReply("thought summaries left out", Fixtures.text("gemini/stream_thinking_thought_summary.sse"),
                        "gemini-2.5-flash", List.of(
                                "The sky is blue because tiny gas molecules in Earth's atmosphere scatter blue light"
                                        + " from the sun more efficiently than other colors.",
                                " Blue light has shorter, smaller wavelengths, causing it to be scattered in all"
                                        + " directions, making the sky appear blue to our eyes."),
                        new Expected("The sky is blue because tiny gas molecules in Earth's atmosphere scatter blue"
                                + " light from the sun more efficiently than other colors. Blue light has shorter,"
                                + " smaller wavelengths, causing it to be scattered in all directions, making the sky"
                                + " appear blue to our eyes.", FinishReason.STOP, "STOP", "gemini-2.5-flash",
                                "0J-HaJetAqv0jrEPwu-tsQ0", new Usage(10, 0, 0, 0, 48, 540))));
    }

    @Override
    protected void assertAskedForAStream(RecordedRequest request) {
        assertThat(request.getUrl().encodedPath()).endsWith(":streamGenerateContent");
        assertThat(request.getUrl().query()).isEqualTo("alt=sse");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    }

    @Override
    protected ErrorReply retryableError() {
        return new ErrorReply(Fixtures.text("gemini/error_429_resource_exhausted.json"), 429, ErrorKind.RATE_LIMITED,
                List.of("Quota exceeded for quota metric 'Generate Content API requests per minute'",
                        "(RESOURCE_EXHAUSTED, RATE_LIMIT_EXCEEDED)"));
    }

    @Override
    protected ErrorReply finalError() {
        return new ErrorReply(Fixtures.text("gemini/error_404_unknown_model.json"), 404, ErrorKind.NOT_FOUND,
                List.of("models/gemini-5.0-flash is not found for API version v1", "(NOT_FOUND)"));
    }

    @Override
    protected ErrorReply replyWithoutUsage() {
        // Constructed: the basic sample's shape with usageMetadata left out.
        return new ErrorReply("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\"}],\"modelVersion\":\"gemini-2.0-flash\"}", 200,
                ErrorKind.MALFORMED_RESPONSE, List.of("no usageMetadata", "cannot be computed"));
    }

    @Override
    protected CutStream cutStream() {
        // The recorded stream's first two events (its line ends are CRLF, as sent): no finishReason yet.
        List<String> events = Arrays.stream(Fixtures.text(BASIC_STREAM).split("\r?\n\r?\n"))
                .filter(e -> !e.isBlank())
                .map(e -> e + "\r\n\r\n")
                .toList();
        return new CutStream(events.get(0) + events.get(1), "gemini-2.0-flash", List.of("The", " capital of Wyoming"),
                "stream ended before the model finished (no finishReason)", new Usage(7, 0, 0, 0, 0, 0));
    }
}
