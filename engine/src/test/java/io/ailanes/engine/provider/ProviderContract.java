package io.ailanes.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ailanes.engine.testing.Fixtures;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.RecordingListener;
import io.ailanes.engine.testing.Responses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every provider kind must do with its provider's own wire samples, over loopback HTTP through
 * {@link ProviderClient}: read every recorded reply and stream exactly (text, finish reason normalised and raw,
 * model, id, each token kind in its own {@link Usage} bucket), stream text to the listener as it comes, retry
 * what is retryable until the attempts run out, end at once on a final error, and refuse what cannot be priced
 * or was cut short. Each kind runs it with its fixture folder under {@code src/test/resources/wire/} and states
 * the exact expected values; what only one wire format does stays in that kind's own tests.
 */
public abstract class ProviderContract {

    /** Maven runs tests from the module directory. */
    private static final Path TEST_SOURCES = Path.of("src/test/java");

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.withProvider(this::config);
    protected final MockWebServer server = loopback.server();
    private final RecordingListener listener = new RecordingListener();

    /** What a reply or stream reads as. */
    public record Expected(String text, FinishReason finish, String rawFinish, String model, String responseId,
            Usage usage) {}

    /**
     * A non-streamed reply: the body served with status 200, the model asked for, what it reads as, and the
     * body's own total token count when it reports one (null otherwise).
     */
    public record Reply(String name, String body, String model, Expected expected, Long reportedTotal) {}

    /** A stream served as {@code text/event-stream}; {@code deltas} null where only their joined text is checked. */
    public record StreamReply(String name, String sse, String model, List<String> deltas, Expected expected) {}

    /** An error body the provider sends with {@code status}, how it is classified, and what its message says. */
    public record ErrorReply(String body, int status, ErrorKind kind, List<String> messageParts) {}

    /**
     * A stream that stops before the provider's end marker: the deltas that arrived, what the message says, and
     * the usage the provider had reported by then (what it will bill).
     */
    public record CutStream(String sse, String model, List<String> deltas, String message, Usage billed) {}

    /** The kind's configuration against {@code server}, with a fake key and at least three quick attempts. */
    protected abstract ProviderConfig config(MockWebServer server);

    /** The folders under {@code wire/} holding this kind's samples. */
    protected abstract List<String> fixtureFolders();

    /** Every recorded non-streamed reply sample (and samples edited to show what no recording shows). */
    protected abstract List<Reply> replies();

    /** Every recorded stream sample that ends normally. */
    protected abstract List<StreamReply> streams();

    /** Checks the request asked for a stream the way this wire format asks for one. */
    protected abstract void assertAskedForAStream(RecordedRequest request);

    /** A recorded error the client retries. */
    protected abstract ErrorReply retryableError();

    /** A recorded error no retry can fix. */
    protected abstract ErrorReply finalError();

    /** A reply in this format without its usage, and what the error says. */
    protected abstract ErrorReply replyWithoutUsage();

    /** A recorded stream cut before its end. */
    protected abstract CutStream cutStream();

    /** A model name for calls whose model does not matter. */
    protected abstract String model();

    @Test
    void everySampleIsNamedByATestOfTheKind() throws IOException, URISyntaxException {
        Path tests = TEST_SOURCES.resolve(getClass().getPackageName().replace('.', '/'));
        String sources;
        try (Stream<Path> files = Files.list(tests)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(ProviderContract::read)
                    .collect(Collectors.joining("\n"));
        }
        for (String folder : fixtureFolders()) {
            List<String> names;
            try (Stream<Path> files = Files.list(Path.of(Fixtures.class.getResource("/wire/" + folder).toURI()))) {
                names = files.map(p -> p.getFileName().toString()).sorted().toList();
            }
            // A fixture path in a Java string literal: "<folder>/<file>.<ext>".
            List<String> named = Pattern.compile("\"" + folder + "/([^\"/]+\\.(?:json|sse|txt))\"").matcher(sources)
                    .results().map(m -> m.group(1)).distinct().toList();

            assertThat(names).as("the samples in wire/%s", folder).isNotEmpty();
            assertThat(names).allSatisfy(name -> assertThat(sources).as("a test naming %s/%s", folder, name)
                    .contains(folder + "/" + name));
            // A test naming a file that does not exist would load nothing.
            assertThat(names).as("samples on disk in wire/%s", folder).containsAll(named);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyReplyIsReadExactly() {
        return replies().stream().map(reply -> dynamicTest(reply.name(), () -> {
            server.enqueue(Responses.json(200, reply.body()));
            RecordingListener calls = new RecordingListener();

            ChatResponse response = loopback.provider().chat(
                    ChatRequest.builder(reply.model()).user("Hi").build(), calls, Cancellation.none());

            assertRead(response, reply.expected());
            if (reply.reportedTotal() != null) {
                assertThat(response.usage().totalTokens()).as("the body's own total").isEqualTo(reply.reportedTotal());
            }
            assertThat(response.attempts()).isEqualTo(1);
            assertThat(calls.deltas).as("a reply that is not streamed reports no deltas").isEmpty();
            assertThat(calls.attempts).singleElement().satisfies(a -> {
                assertThat(a.outcome()).isEqualTo(Attempt.Outcome.SUCCEEDED);
                assertThat(a.usage()).isEqualTo(response.usage());
            });
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyStreamIsStreamedAndReadExactly() {
        return streams().stream().map(stream -> dynamicTest(stream.name(), () -> {
            server.enqueue(Responses.sse(stream.sse()));
            RecordingListener calls = new RecordingListener();

            ChatResponse response = loopback.provider().chat(
                    ChatRequest.builder(stream.model()).user("Hi").stream(true).build(), calls, Cancellation.none());

            assertRead(response, stream.expected());
            assertThat(calls.streamedText()).as("the deltas joined").isEqualTo(response.text());
            assertThat(calls.deltas).as("no empty delta is passed on").doesNotContain("");
            if (stream.deltas() != null) {
                assertThat(calls.deltas).containsExactlyElementsOf(stream.deltas());
            }
            assertThat(response.attempts()).isEqualTo(1);
            assertThat(calls.attempts).singleElement().satisfies(a -> {
                assertThat(a.outcome()).isEqualTo(Attempt.Outcome.SUCCEEDED);
                assertThat(a.usage()).isEqualTo(response.usage());
            });
            assertAskedForAStream(server.takeRequest());
        }));
    }

    @Test
    void aRetryableErrorIsRetriedUntilTheAttemptsRunOut() {
        ErrorReply error = retryableError();
        int attempts = loopback.config().retry().maxAttempts();
        assertThat(attempts).as("the contract's configuration retries").isGreaterThanOrEqualTo(3);
        for (int i = 0; i < attempts; i++) {
            server.enqueue(Responses.json(error.status(), error.body()));
        }

        ProviderException e = failure(ChatRequest.builder(model()).user("Hi").build());

        assertThat(e.kind()).isEqualTo(error.kind());
        assertThat(e.retryable()).isTrue();
        assertThat(e.attempts()).isEqualTo(attempts);
        assertThat(e.httpStatus()).contains(error.status());
        assertThat(e.getMessage()).contains("provider '" + loopback.config().id() + "'", "model '" + model() + "'",
                "HTTP " + error.status()).contains(error.messageParts());
        assertThat(server.getRequestCount()).isEqualTo(attempts);
        assertThat(listener.attempts).extracting(Attempt::outcome).endsWith(Attempt.Outcome.FAILED)
                .hasSize(attempts).filteredOn(o -> o == Attempt.Outcome.RETRYING).hasSize(attempts - 1);
        assertThat(listener.attempts).allSatisfy(a -> assertThat(a.httpStatus()).isEqualTo(error.status()));
    }

    @Test
    void aFinalErrorEndsTheCallAtOnce() {
        ErrorReply error = finalError();
        server.enqueue(Responses.json(error.status(), error.body()));

        ProviderException e = failure(ChatRequest.builder(model()).user("Hi").build());

        assertThat(e.kind()).isEqualTo(error.kind());
        assertThat(e.retryable()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.httpStatus()).contains(error.status());
        assertThat(e.getMessage()).contains("provider '" + loopback.config().id() + "'", "model '" + model() + "'",
                "HTTP " + error.status()).contains(error.messageParts());
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(listener.attempts).singleElement().extracting(Attempt::outcome).isEqualTo(Attempt.Outcome.FAILED);
    }

    @Test
    void aReplyWithoutUsageCannotBePricedAndIsMalformed() {
        loopback.reconfigure(config -> config.withRetry(RetryPolicy.NONE));
        ErrorReply reply = replyWithoutUsage();
        server.enqueue(Responses.json(reply.status(), reply.body()));

        ProviderException e = failure(ChatRequest.builder(model()).user("Hi").build());

        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE).isEqualTo(reply.kind());
        assertThat(e.getMessage()).contains(reply.messageParts());
    }

    @Test
    void aStreamCutBeforeItsEndIsMalformedAndBillsWhatWasReported() {
        loopback.reconfigure(config -> config.withRetry(RetryPolicy.NONE));
        CutStream cut = cutStream();
        server.enqueue(Responses.sse(cut.sse()));

        ProviderException e = failure(ChatRequest.builder(cut.model()).user("Hi").stream(true).build());

        assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains(cut.message());
        assertThat(listener.deltas).containsExactlyElementsOf(cut.deltas());
        assertThat(listener.attempts).singleElement().extracting(Attempt::usage).isEqualTo(cut.billed());
    }

    @Test
    void theKeyNeverReachesAnErrorMessage() {
        ErrorReply error = finalError();
        server.enqueue(Responses.json(error.status(), error.body()));

        ProviderException e = failure(ChatRequest.builder(model()).user("Hi").build());

        String key = loopback.config().apiKey().reveal();
        assertThat(key).isNotBlank();
        assertThat(e.getMessage()).doesNotContain(key);
        assertThat(String.valueOf(e)).doesNotContain(key);
        assertThat(String.valueOf(e.providerMessage())).doesNotContain(key);
    }

    private static void assertRead(ChatResponse response, Expected expected) {
        assertThat(response.text()).isEqualTo(expected.text());
        assertThat(response.finishReason()).isEqualTo(expected.finish());
        assertThat(response.rawFinishReason()).isEqualTo(expected.rawFinish());
        assertThat(response.model()).isEqualTo(expected.model());
        assertThat(response.responseId()).isEqualTo(expected.responseId());
        assertThat(response.usage()).isEqualTo(expected.usage());
        assertThat(response.providerId()).isNotBlank();
    }

    private ProviderException failure(ChatRequest request) {
        Throwable thrown = catchThrowable(() -> loopback.provider().chat(request, listener, Cancellation.none()));
        assertThat(thrown).isInstanceOf(ProviderException.class);
        return (ProviderException) thrown;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
