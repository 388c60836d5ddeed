package io.ailanes.engine.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.provider.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte reading's edge cases: reads that split characters, line ends and marks anywhere. */
class SseReaderBytesTest {

    /** Hands out the bytes in reads of the given sizes, cycling (a size of 1: one byte per read). */
    private static InputStream chopped(byte[] bytes, int... sizes) {
        return new InputStream() {
            private int position;
            private int turn;

            @Override
            public int read() {
                return position < bytes.length ? bytes[position++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= bytes.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, sizes[turn++ % sizes.length]), bytes.length - position);
                System.arraycopy(bytes, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    private static List<SseEvent> read(InputStream in) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(in)) {
            SseBytes event;
            while ((event = reader.nextBytes()) != null) {
                events.add(event.toEvent());
            }
        }
        return events;
    }

    private static List<SseEvent> read(String stream, int... sizes) throws IOException {
        return read(chopped(stream.getBytes(StandardCharsets.UTF_8), sizes));
    }

    private static SseEvent message(String data) {
        return new SseEvent("message", data);
    }

    @Test
    void multiByteCharactersSplitBetweenReadsSurvive() throws IOException {
        String stream = "data: 你好, ☃ and 🎉 é\n\nevent: ☃\ndata: 🎉\n\n";
        for (int size = 1; size <= 7; size++) {
            assertThat(read(stream, size)).as("reads of %d bytes", size)
                    .containsExactly(message("你好, ☃ and 🎉 é"), new SseEvent("☃", "🎉"));
        }
        assertThat(read(stream, 8, 1, 3, 2)).containsExactly(message("你好, ☃ and 🎉 é"), new SseEvent("☃", "🎉"));
    }

    @Test
    void carriageReturnLineFeedSplitAnywhere() throws IOException {
        String stream = "event: a\r\ndata: one\r\n\r\ndata: two\r\ndata: three\r\n\r\n:c\r\n\r\ndata: four\r\r";
        for (int size = 1; size <= 5; size++) {
            assertThat(read(stream, size)).as("reads of %d bytes", size).containsExactly(
                    new SseEvent("a", "one"), message("two\nthree"), message("four"));
        }
    }

    @Test
    void byteOrderMarkSplitBetweenReadsIsDropped() throws IOException {
        assertThat(read("\uFEFFdata: x\n\n", 1)).containsExactly(message("x"));
        assertThat(read("\uFEFFdata: x\n\n", 2, 8)).containsExactly(message("x"));
        // Only at the very start, and a lone first byte of it is not one.
        assertThat(read("data: \uFEFFx\n\n", 1)).containsExactly(message("\uFEFFx"));
    }

    @Test
    void aHugeSingleEventIsReadWhole() throws IOException {
        StringBuilder big = new StringBuilder();
        Random random = new Random(13);
        while (big.length() < 3_000_000) {
            big.append(random.nextInt(10) == 0 ? "é☃" : "word ");
        }
        String stream = "data: {\"a\":\"" + big + "\"}\n\ndata: after\n\n";
        assertThat(read(stream, 8192, 100, 1, 65536)).containsExactly(message("{\"a\":\"" + big + "\"}"), message("after"));
    }

    @Test
    void aHugeEventOfManyLinesIsRefusedPastTheCap() {
        byte[] line = ("data: " + "x".repeat(1_000_000) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] stream = new byte[line.length * 9];
        for (int i = 0; i < 9; i++) {
            System.arraycopy(line, 0, stream, i * line.length, line.length);
        }
        assertThatThrownBy(() -> read(chopped(stream, 4096)))
                .isInstanceOfSatisfying(WireException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE))
                .hasMessageContaining("longer than " + SseReader.MAX_EVENT_BYTES);
    }

    @Test
    void emptyDataLinesAreEventsAndJoin() throws IOException {
        for (int size = 1; size <= 3; size++) {
            assertThat(read("data\n\ndata:\n\ndata: \n\ndata:\ndata:\n\ndata: a\ndata\ndata: b\n\n", size))
                    .containsExactly(message(""), message(""), message(""), message("\n"), message("a\n\nb"));
        }
    }

    @Test
    void strayLinesAreKeptAsText() throws IOException {
        try (SseReader reader = new SseReader(chopped(
                "{\"error\": {\"message\": \"é\"}}\ndata: x\n\n".getBytes(StandardCharsets.UTF_8), 1))) {
            assertThat(reader.nextBytes().text()).isEqualTo("x");
            assertThat(reader.nextBytes()).isNull();
            assertThat(reader.stray()).isEqualTo("{\"error\": {\"message\": \"é\"}}\n");
        }
    }

    @Test
    void malformedUtf8ReadsAsAReaderWouldDecodeIt() throws IOException {
        byte[] stream = {'d', 'a', 't', 'a', ':', ' ', 'a', (byte) 0xC3, 'b', '\n', '\n'};
        assertThat(read(chopped(stream, 1))).containsExactly(message("a\uFFFDb"));
    }

    @Test
    void theBytesViewMatchesTheStringView() throws IOException {
        // Random streams of fields, comments, blank lines and line ends, read whole and chopped at random.
        Random random = new Random(7);
        String[] pieces = {"data: {\"a\":1}", "data:é", "data", "event: x", "event:", ": c", "id: 1", "retry: 5",
            "junk", "", "data: 🎉", "data:  two"};
        String[] ends = {"\n", "\r", "\r\n"};
        for (int round = 0; round < 300; round++) {
            StringBuilder stream = new StringBuilder();
            int lines = random.nextInt(30);
            for (int i = 0; i < lines; i++) {
                stream.append(pieces[random.nextInt(pieces.length)]).append(ends[random.nextInt(ends.length)]);
            }
            byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
            List<SseEvent> whole = new ArrayList<>();
            try (SseReader reader = new SseReader(new ByteArrayInputStream(bytes))) {
                SseEvent event;
                while ((event = reader.next()) != null) {
                    whole.add(event);
                }
            }
            assertThat(read(chopped(bytes, 1 + random.nextInt(5), 1 + random.nextInt(20)))).as(stream.toString())
                    .isEqualTo(whole);
        }
    }
}
