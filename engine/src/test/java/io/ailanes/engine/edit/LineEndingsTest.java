package io.ailanes.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Line endings, final newlines and byte order marks survive edits; changes.patch carries the exact bytes. */
class LineEndingsTest {

    @TempDir
    Path temp;

    private AppliedChanges apply(TestTree ws, String response, EditFormat format) throws Exception {
        return new LocalWorkspace(ws.root()).apply(EditParser.parse(response, format), EditPolicy.anyFile());
    }

    private static String sr(String path, String search, String replace) {
        return path + "\n<<<<<<< SEARCH\n" + search + "=======\n" + replace + ">>>>>>> REPLACE\n";
    }

    @Test
    void crlfFileStaysCrlfWhenTheModelWritesLf() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws")).file("a.txt", "one\r\ntwo\r\nthree\r\n");
        apply(ws, sr("a.txt", "two\n", "TWO\nand a half\n"), EditFormat.SEARCH_REPLACE);
        assertThat(ws.read("a.txt")).isEqualTo("one\r\nTWO\r\nand a half\r\nthree\r\n");
    }

    @Test
    void lfFileStaysLfWhenTheResponseIsCrlf() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws")).file("a.txt", "one\ntwo\nthree\n");
        apply(ws, "a.txt\r\n<<<<<<< SEARCH\r\ntwo\r\n=======\r\nTWO\r\n>>>>>>> REPLACE\r\n", EditFormat.SEARCH_REPLACE);
        assertThat(ws.read("a.txt")).isEqualTo("one\nTWO\nthree\n");
    }

    @Test
    void missingFinalNewlineIsKept() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws")).file("a.txt", "one\ntwo").file("b.txt", "x\r\ny");
        AppliedChanges applied = apply(ws, sr("a.txt", "two\n", "TWO\n") + sr("b.txt", "y\n", "Y\nZ\n"), EditFormat.SEARCH_REPLACE);
        assertThat(ws.read("a.txt")).isEqualTo("one\nTWO");
        assertThat(ws.read("b.txt")).isEqualTo("x\r\nY\r\nZ");
        assertThat(applied.patch()).contains("""
                @@ -1,2 +1,2 @@
                 one
                -two
                \\ No newline at end of file
                +TWO
                \\ No newline at end of file
                """);
    }

    @Test
    void wholeFileKeepsCrlfFinalNewlineStateAndBom() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws"))
                .file("win.txt", "old\r\nfile")
                .file("bom.txt", "\uFEFFold\n");
        apply(ws, "win.txt\n```\nnew\ncontent\n```\nbom.txt\n```\nnew\n```\n", EditFormat.WHOLE_FILE);
        assertThat(ws.read("win.txt")).isEqualTo("new\r\ncontent");
        assertThat(Files.readAllBytes(ws.root().resolve("bom.txt")))
                .isEqualTo("\uFEFFnew\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void firstLineAfterAByteOrderMarkCanBeMatched() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws")).file("bom.txt", "\uFEFFfirst\r\nsecond\r\n");
        apply(ws, sr("bom.txt", "first\n", "FIRST\n"), EditFormat.SEARCH_REPLACE);
        assertThat(ws.read("bom.txt")).isEqualTo("\uFEFFFIRST\r\nsecond\r\n");
    }

    @Test
    void mixedFileGetsItsDominantEndingOnlyOnNewLines() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws")).file("m.txt", "a\r\nb\r\nc\nd\r\n");
        apply(ws, sr("m.txt", "c\nd\n", "c\nC\nd\n"), EditFormat.SEARCH_REPLACE);
        // "c\n" (LF) was matched and rewritten as part of the hunk, so it takes the file's dominant CRLF.
        assertThat(ws.read("m.txt")).isEqualTo("a\r\nb\r\nc\r\nC\r\nd\r\n");
    }

    @Test
    void unifiedDiffOnACrlfFile() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws")).file("a.txt", "one\r\ntwo\r\nthree\r\n");
        apply(ws, "--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n", EditFormat.UNIFIED_DIFF);
        assertThat(ws.read("a.txt")).isEqualTo("one\r\n2\r\nthree\r\n");
    }

    @Test
    void createdFilesUseLf() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws"));
        apply(ws, "n.txt\r\n<<<<<<< SEARCH\r\n=======\r\na\r\nb\r\n>>>>>>> REPLACE\r\n", EditFormat.SEARCH_REPLACE);
        assertThat(ws.read("n.txt")).isEqualTo("a\nb\n");
    }

    @Test
    void patchCarriesCrBytesAndGitAppliesIt() throws Exception {
        String crlf = "one\r\ntwo\r\nthree\r\n";
        String noEol = "alpha\nbeta";
        TestTree ws = new TestTree(temp.resolve("ws")).file("crlf.txt", crlf).file("noeol.txt", noEol).file("gone.txt", "bye\n");
        TestTree copy = new TestTree(temp.resolve("copy")).file("crlf.txt", crlf).file("noeol.txt", noEol).file("gone.txt", "bye\n");
        AppliedChanges applied = apply(ws, sr("crlf.txt", "two\n", "2\n") + sr("noeol.txt", "beta\n", "BETA\ngamma\n")
                + "gone.txt\n<<<<<<< DELETE\n" + sr("new.txt", "", "fresh\n"), EditFormat.SEARCH_REPLACE);
        assertThat(applied.patch()).contains("-two\r\n+2\r\n");

        Path patch = applied.writePatch(temp);
        Assumptions.assumeTrue(gitAvailable(), "git on PATH");
        Process p = new ProcessBuilder("git", "apply", "--unsafe-paths", "--directory=.", patch.toString())
                .directory(copy.root().toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(WorkspaceChecksum.of(copy.root())).isEqualTo(WorkspaceChecksum.of(ws.root()));
    }

    private static boolean gitAvailable() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
