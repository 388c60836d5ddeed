package io.ailanes.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots put files back byte for byte, and their diff is the step's net change. */
class FileSnapshotTest {

    @TempDir
    Path root;

    @Test
    void restorePutsBackExactBytesAndRemovesCreatedFiles() throws Exception {
        byte[] crlf = "one\r\ntwo\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] bom = "\uFEFFbom\n".getBytes(StandardCharsets.UTF_8);
        Files.write(root.resolve("a.txt"), crlf);
        Files.write(root.resolve("b.txt"), bom);
        Files.writeString(root.resolve("gone.txt"), "delete me\n");
        LocalWorkspace ws = new LocalWorkspace(root);
        String checksum = ws.checksum();
        FileSnapshot before = ws.snapshot(List.of("a.txt", "b.txt", "new/c.txt", "gone.txt"));

        ws.apply(EditParser.parse("a.txt\n<<<<<<< SEARCH\none\n=======\nONE\n>>>>>>> REPLACE\n"
                + "new/c.txt\n<<<<<<< SEARCH\n=======\ncreated\n>>>>>>> REPLACE\n"
                + "gone.txt\n<<<<<<< DELETE\n", EditFormat.SEARCH_REPLACE), EditPolicy.anyFile());
        FileSnapshot after = ws.snapshot(before.files().keySet());

        FileSnapshot.Diff diff = before.diffTo(after);
        assertThat(diff.files()).containsExactly("a.txt", "gone.txt", "new/c.txt");
        assertThat(diff.linesAdded()).isEqualTo(2); // ONE, created
        assertThat(diff.linesRemoved()).isEqualTo(2); // one, delete me
        assertThat(diff.patch()).contains("diff --git a/a.txt b/a.txt", "-one", "+ONE",
                "deleted file mode", "-delete me", "new file mode", "+created");
        ws.restore(before);
        assertThat(Files.readAllBytes(root.resolve("a.txt"))).isEqualTo(crlf);
        assertThat(Files.readAllBytes(root.resolve("b.txt"))).isEqualTo(bom);
        assertThat(root.resolve("new/c.txt")).doesNotExist();
        assertThat(ws.snapshot(before.files().keySet())).isEqualTo(before);
        assertThat(Files.readString(root.resolve("gone.txt"))).isEqualTo("delete me\n");
        assertThat(root.resolve("new")).isEmptyDirectory(); // the directory stays; the checksum counts files
        Files.delete(root.resolve("new"));
        assertThat(ws.checksum()).isEqualTo(checksum);
    }

    @Test
    void pathsNoEditCanTouchAreLeftOutOfASnapshot() throws Exception {
        Files.writeString(root.resolve("real.txt"), "x\n");
        Files.createSymbolicLink(root.resolve("link.txt"), root.resolve("real.txt"));
        FileSnapshot snapshot = new LocalWorkspace(root).snapshot(List.of("../outside", "/etc/passwd", "link.txt", "real.txt"));

        assertThat(snapshot.files()).containsOnlyKeys("real.txt");
    }

    @Test
    void restoreRefusesAPathThatBecameALink() throws Exception {
        Files.writeString(root.resolve("a.txt"), "x\n");
        LocalWorkspace ws = new LocalWorkspace(root);
        FileSnapshot before = ws.snapshot(List.of("a.txt"));
        Files.delete(root.resolve("a.txt"));
        Path outside = Files.createTempFile("outside", ".txt");
        Files.createSymbolicLink(root.resolve("a.txt"), outside);

        assertThatThrownBy(() -> ws.restore(before)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("symbolic link");
        assertThat(Files.readString(outside)).isEmpty();
        Files.delete(outside);
    }

    @Test
    void theEarliestBytesOfAFileWin() {
        FileSnapshot first = new FileSnapshot(java.util.Map.of("a", java.util.Optional.of(new byte[] {1})));
        FileSnapshot later = new FileSnapshot(java.util.Map.of("a", java.util.Optional.of(new byte[] {2}),
                "b", java.util.Optional.empty()));

        FileSnapshot merged = first.plusAbsent(later);

        assertThat(merged.files().get("a")).contains(new byte[] {1});
        assertThat(merged.files().get("b")).isEmpty();
    }

    @Test
    void nonTextContentIsNotedNotDiffed() {
        FileSnapshot before = new FileSnapshot(java.util.Map.of("x.bin", java.util.Optional.of(new byte[] {(byte) 0xff, 0})));
        FileSnapshot after = new FileSnapshot(java.util.Map.of("x.bin", java.util.Optional.of(new byte[] {(byte) 0xfe})));

        assertThat(before.diffTo(after).patch()).isEqualTo("Binary files a/x.bin and b/x.bin differ\n");
    }

    @Test
    void lineCountsComeFromTheDiffNotFromHowLinesLook() {
        FileSnapshot before = new FileSnapshot(java.util.Map.of("x.txt",
                java.util.Optional.of("--a\n".getBytes(StandardCharsets.UTF_8))));
        FileSnapshot after = new FileSnapshot(java.util.Map.of("x.txt",
                java.util.Optional.of("++b\n++c\n".getBytes(StandardCharsets.UTF_8))));

        FileSnapshot.Diff diff = before.diffTo(after);

        // "+++c" and "---a" lines in the patch are content, not file headers.
        assertThat(diff.patch()).contains("\n---a\n", "\n+++b\n", "\n+++c\n");
        assertThat(diff.linesAdded()).isEqualTo(2);
        assertThat(diff.linesRemoved()).isEqualTo(1);
    }
}
