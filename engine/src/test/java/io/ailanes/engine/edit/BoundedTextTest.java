package io.ailanes.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedTextTest {

    @TempDir
    Path dir;

    @Test
    void readsUtf8TextUpToTheLimitInclusive() throws IOException {
        Path file = Files.writeString(dir.resolve("task.md"), "Make it 2 – café", StandardCharsets.UTF_8);
        int size = (int) Files.size(file);
        assertThat(BoundedText.read(file, "task.md", size)).isEqualTo("Make it 2 – café");
    }

    @Test
    void aFileOneByteOverTheLimitIsRefusedByTheNameTheUserGave() throws IOException {
        Path file = Files.write(dir.resolve("plan.json"), new byte[11]);
        assertThatThrownBy(() -> BoundedText.read(file, "out/plan.json", 10)).isInstanceOf(IOException.class)
                .hasMessage("out/plan.json is larger than 10 bytes");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() throws IOException {
        Path file = Files.write(dir.resolve("change.diff"), new byte[] {'a', (byte) 0xff, 'b'});
        assertThatThrownBy(() -> BoundedText.read(file, "change.diff", 100)).hasMessage("change.diff is not UTF-8 text");
    }

    @Test
    void aLinkIsNotFollowedWhenTheCallerSaysSo() throws IOException {
        Path target = Files.writeString(dir.resolve("real.md"), "text");
        Path link = Files.createSymbolicLink(dir.resolve("link.md"), target);
        assertThat(BoundedText.read(link, "link.md", 100)).isEqualTo("text");
        assertThatThrownBy(() -> BoundedText.read(link, "link.md", 100, LinkOption.NOFOLLOW_LINKS))
                .isInstanceOf(IOException.class);
    }
}
