package io.ailanes.engine.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static List<SseEvent> read(String stream) throws IOException {
        return read(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<SseEvent> read(InputStream in) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(in)) {
            SseEvent event;
            while ((event = reader.next()) != null) {
                events.add(event);
            }
        }
        return events;
    }

    private static SseEvent message(String data) {
        return new SseEvent("message", data);
    }

    @Test
    void theOpenAiDocsExampleHasNoDataEvents() throws IOException {
        // Its lines carry no "data:" field, so they are unknown fields: no event reaches a decoder
        // (OpenAiStreamTest.docsExampleReadAsSseHasNoDataEventsAndTheDecoderReportsNoFinish).
        assertThat(read(new ByteArrayInputStream(Fixtures.bytes("openai/chat_completion_streaming_docs_example.txt"))))
                .isEmpty();
    }

    @Test
    void lineFeeds() throws IOException {
        assertThat(read("data: one\n\ndata: two\n\n")).containsExactly(message("one"), message("two"));
    }

    @Test
    void carriageReturnLineFeeds() throws IOException {
        assertThat(read("event: ping\r\ndata: one\r\n\r\ndata: two\r\n\r\n"))
                .containsExactly(new SseEvent("ping", "one"), message("two"));
    }

    @Test
    void bareCarriageReturns() throws IOException {
        assertThat(read("data: one\r\rdata: two\rdata: more\r\r"))
                .containsExactly(message("one"), message("two\nmore"));
    }

    @Test
    void carriageReturnAndLineFeedSplitAcrossReads() throws IOException {
        // The CR ends one read and the LF starts the next: still one line end, not an extra blank line.
        InputStream in = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream("data: a\r".getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream("\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8)))));
        assertThat(read(in)).containsExactly(message("a\nb"));
    }

    @Test
    void multiLineDataIsJoinedWithNewlines() throws IOException {
        assertThat(read("data: {\"a\":\ndata: 1}\ndata:\n\n")).containsExactly(message("{\"a\":\n1}\n"));
    }

    @Test
    void commentsAreSkipped() throws IOException {
        assertThat(read(": OPENROUTER PROCESSING\n\n:keep-alive\ndata: x\n: inside\n\n"))
                .containsExactly(message("x"));
    }

    @Test
    void eventNamesApplyToTheirEventOnly() throws IOException {
        assertThat(read("event: message_start\ndata: {}\n\ndata: {}\n\nevent: ping\n\ndata: after\n\n"))
                .containsExactly(new SseEvent("message_start", "{}"), message("{}"), message("after"));
    }

    @Test
    void emptyEventNameMeansMessage() throws IOException {
        assertThat(read("event:\ndata: x\n\n")).containsExactly(message("x"));
    }

    @Test
    void missingFinalBlankLineStillYieldsTheLastEvent() throws IOException {
        assertThat(read("data: one\n\ndata: [DONE]")).containsExactly(message("one"), message("[DONE]"));
        assertThat(read("data: one\n\ndata: [DONE]\n")).containsExactly(message("one"), message("[DONE]"));
    }

    @Test
    void emptyDataIsAnEventWithEmptyData() throws IOException {
        assertThat(read("data\n\ndata:\n\ndata: \n\n")).containsExactly(message(""), message(""), message(""));
    }

    @Test
    void onlyOneLeadingSpaceIsStripped() throws IOException {
        assertThat(read("data:  two spaces\n\ndata:none\n\n")).containsExactly(message(" two spaces"), message("none"));
    }

    @Test
    void otherFieldsAreIgnored() throws IOException {
        assertThat(read("id: 7\nretry: 1000\nfoo: bar\ndata: x\n\nid: 8\n\n")).containsExactly(message("x"));
    }

    @Test
    void leadingByteOrderMarkIsDropped() throws IOException {
        assertThat(read("\uFEFFdata: first\n\n")).containsExactly(message("first"));
    }

    @Test
    void emptyStreamHasNoEvents() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n\r\n: just a comment\n\n")).isEmpty();
    }

    @Test
    void multiByteCharactersSurvive() throws IOException {
        assertThat(read("data: 你好, ☃ and 🎉\n\n")).containsExactly(message("你好, ☃ and 🎉"));
    }

    @Test
    void anEndlessLineIsRefused() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThatThrownBy(() -> read(endless))
                .isInstanceOfSatisfying(WireException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE))
                .hasMessageContaining("longer than " + SseReader.MAX_EVENT_BYTES);
    }
}
