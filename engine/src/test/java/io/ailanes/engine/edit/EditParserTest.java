package io.ailanes.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditParserTest {

    private static ChangeSet sr(String response) throws EditParseException {
        return EditParser.parse(response, EditFormat.SEARCH_REPLACE);
    }

    private static EditParseException srFails(String response) {
        return catchThrowableOfType(EditParseException.class, () -> sr(response));
    }

    @Test
    void searchReplaceBlockGivesOneHunkOfWholeLines() throws Exception {
        ChangeSet cs = sr("src/A.java\n<<<<<<< SEARCH\n    int x = 1;\n=======\n    int x = 2;\n    int y = 3;\n>>>>>>> REPLACE\n");
        assertThat(cs.format()).isEqualTo(EditFormat.SEARCH_REPLACE);
        assertThat(cs.edits()).containsExactly(FileEdit.modify(1, "src/A.java",
                List.of(new Hunk("    int x = 1;\n", "    int x = 2;\n    int y = 3;\n"))));
    }

    @Test
    void fencesProseCrlfAndBacktickedPathsAreTolerated() throws Exception {
        String response = "Here are the changes.\r\n\r\n`src/A.java`\r\n```java\r\n<<<<<<< SEARCH\r\na\r\n=======\r\nb\r\n"
                + ">>>>>>> REPLACE   \r\n```\r\n\r\nAnd the second file:\r\n\r\nsrc/B.java\r\n```\r\n<<<<<<< SEARCH\r\nc\r\n"
                + "=======\r\n>>>>>>> REPLACE\r\n```\r\nDone.\r\n";
        ChangeSet cs = sr(response);
        assertThat(cs.edits()).containsExactly(
                FileEdit.modify(1, "src/A.java", List.of(new Hunk("a\n", "b\n"))),
                FileEdit.modify(2, "src/B.java", List.of(new Hunk("c\n", ""))));
    }

    @Test
    void emptySearchCreatesAndDeleteMarkerDeletes() throws Exception {
        ChangeSet cs = sr("new/File.txt\n<<<<<<< SEARCH\n=======\nhello\n\nworld\n>>>>>>> REPLACE\nold/Gone.txt\n<<<<<<< DELETE\n");
        assertThat(cs.edits()).containsExactly(FileEdit.create(1, "new/File.txt", "hello\n\nworld\n"),
                FileEdit.delete(2, "old/Gone.txt"));
    }

    @Test
    void fenceLinesInsideABlockAreContent() throws Exception {
        ChangeSet cs = sr("README.md\n<<<<<<< SEARCH\n```sh\nmvn test\n```\n=======\n```sh\nmvn verify\n```\n>>>>>>> REPLACE\n");
        assertThat(cs.edits().get(0).hunks().get(0))
                .isEqualTo(new Hunk("```sh\nmvn test\n```\n", "```sh\nmvn verify\n```\n"));
    }

    @Test
    void missingPathLineIsReported() {
        EditParseException e = srFails("<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n");
        assertThat(e.problems()).containsExactly(new EditProblem(1, null,
                "no path line before '<<<<<<< SEARCH'; put the file's path alone on the line before it"));
    }

    @Test
    void proseInsteadOfAPathIsReportedNotGuessed() {
        EditParseException e = srFails("src/A.java\nHere is the change:\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.block()).isEqualTo(1);
            assertThat(p.reason()).isEqualTo("the line before '<<<<<<< SEARCH' must be the file's path alone, but it is 'Here is the change:'");
        });
    }

    @Test
    void consecutiveBlocksNeedTheirOwnPathLine() {
        EditParseException e = srFails("a.txt\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE\n<<<<<<< SEARCH\nc\n=======\nd\n>>>>>>> REPLACE\n");
        assertThat(e.problems()).extracting(EditProblem::block).containsExactly(2);
        assertThat(e.getMessage()).contains("block 2: no path line before '<<<<<<< SEARCH'");
    }

    @Test
    void secondDividerMakesTheBlockAmbiguous() {
        EditParseException e = srFails("doc.rst\n<<<<<<< SEARCH\nTitle\n=======\nNew title\n=======\n>>>>>>> REPLACE\n");
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.toString()).startsWith("block 1 (doc.rst): more than one '=======' line (again at line 6)");
            assertThat(p.reason()).contains("ambiguous");
        });
    }

    @Test
    void unterminatedAndInterruptedBlocksAreReportedTogether() {
        EditParseException e = srFails("a.txt\n<<<<<<< SEARCH\nx\n<<<<<<< SEARCH\ny\n=======\nz\n>>>>>>> REPLACE\n"
                + "b.txt\n<<<<<<< SEARCH\ny\n=======\nz\n");
        assertThat(e.problems()).extracting(EditProblem::toString).containsExactly(
                "block 1 (a.txt): a new '<<<<<<< SEARCH' starts at line 4 before this block's '=======' line",
                "block 2: no path line before '<<<<<<< SEARCH'; put the file's path alone on the line before it",
                "block 3 (b.txt): the response ends before this block's '>>>>>>> REPLACE' line");
        assertThat(e.getMessage()).startsWith("The edits could not be applied; fix these and send all edits again:\n- block 1 (a.txt)");
    }

    @Test
    void strayMarkersAndEmptyResponsesAreReported() {
        assertThat(srFails("a.txt\n=======\n").problems()).extracting(EditProblem::reason)
                .containsExactly("line 2 '=======' is outside any block; every block starts with '<<<<<<< SEARCH'");
        assertThat(srFails("I could not find anything to change.").problems()).extracting(EditProblem::reason)
                .containsExactly("no edit blocks found; write each change as a path line followed by <<<<<<< SEARCH / ======= / >>>>>>> REPLACE");
        assertThat(srFails("a.txt\n<<<<<<< SEARCH\nx\n>>>>>>> REPLACE\n").problems()).extracting(EditProblem::reason)
                .containsExactly("'>>>>>>> REPLACE' at line 4 comes before any '=======' line");
    }

    @Test
    void oversizedResponseIsRefused() {
        String huge = "x".repeat(EditParser.MAX_RESPONSE_CHARS + 1);
        assertThat(srFails(huge).getMessage()).contains("the response is longer than 16777216 characters");
    }

    @Test
    void wholeFileBlocksWriteAndDelete() throws Exception {
        ChangeSet cs = EditParser.parse("src/A.java\n```java\nclass A {}\n```\n\ndocs/x.md\n````markdown\n# x\n```sh\nls\n```\n````\n"
                + "gone.txt\n<<<<<<< DELETE\nempty.txt\n~~~\n~~~\n", EditFormat.WHOLE_FILE);
        assertThat(cs.edits()).containsExactly(
                FileEdit.write(1, "src/A.java", "class A {}\n"),
                FileEdit.write(2, "docs/x.md", "# x\n```sh\nls\n```\n"),
                FileEdit.delete(3, "gone.txt"),
                FileEdit.write(4, "empty.txt", ""));
        assertThat(cs.edits().get(0).isWholeFile()).isTrue();
    }

    @Test
    void wholeFileProblems() {
        EditParseException e = catchThrowableOfType(EditParseException.class,
                () -> EditParser.parse("Here you go:\n```java\nclass A {}\n```\nb.txt\n```\nunclosed\n", EditFormat.WHOLE_FILE));
        assertThat(e.problems()).extracting(EditProblem::toString).containsExactly(
                "block 1: the line before '```' must be the file's path alone, but it is 'Here you go:'",
                "block 2 (b.txt): the fenced block opened at line 6 is never closed with '```'");
        assertThatThrownBy(() -> EditParser.parse("nothing here", EditFormat.WHOLE_FILE))
                .hasMessageContaining("no files found");
    }

    private static ChangeSet diff(String d) throws EditParseException {
        return EditParser.parse(d, EditFormat.UNIFIED_DIFF);
    }

    @Test
    void unifiedDiffHunksBecomeExactSearchReplace() throws Exception {
        ChangeSet cs = diff("```diff\ndiff --git a/src/A.java b/src/A.java\nindex 111..222 100644\n--- a/src/A.java\n+++ b/src/A.java\n"
                + "@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n@@ -10,2 +10,3 @@ class A {\n ten\n+ten and a half\n eleven\n```\n");
        assertThat(cs.edits()).containsExactly(FileEdit.modify(1, "src/A.java", List.of(
                new Hunk("one\ntwo\nthree\n", "one\nTWO\nthree\n"),
                new Hunk("ten\neleven\n", "ten\nten and a half\neleven\n"))));
    }

    @Test
    void unifiedDiffCreatesAndDeletes() throws Exception {
        ChangeSet cs = diff("--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1,2 @@\n+hello\n+world\n\\ No newline at end of file\n"
                + "diff --git a/old.txt b/old.txt\ndeleted file mode 100644\n--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n");
        assertThat(cs.edits()).containsExactly(FileEdit.create(1, "new.txt", "hello\nworld"), FileEdit.delete(2, "old.txt"));
    }

    @Test
    void unifiedDiffLineCountsAreChecked() {
        EditParseException e = catchThrowableOfType(EditParseException.class,
                () -> diff("--- a/x.txt\n+++ b/x.txt\n@@ -1,3 +1,3 @@\n-a\n+b\n"));
        assertThat(e.problems()).extracting(EditProblem::toString).containsExactly(
                "block 1 (x.txt): hunk 1 ('@@ -1,3 +1,3 @@') promises 3 old and 3 new lines but has 1 old and 1 new lines");
        e = catchThrowableOfType(EditParseException.class,
                () -> diff("--- a/x.txt\n+++ b/x.txt\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n"));
        assertThat(e.problems()).extracting(EditProblem::reason).singleElement().asString()
                .contains("line 5 is an empty line (context lines must start with a space) after 1 old and 1 new lines");
    }

    @Test
    void unifiedDiffRefusesRenamesModesAndContextFreeInserts() {
        assertThatThrownBy(() -> diff("diff --git a/x b/y\n--- a/x\n+++ b/y\n@@ -1 +1 @@\n-a\n+b\n"))
                .hasMessageContaining("block 1 (y): renames and copies are not supported");
        assertThatThrownBy(() -> diff("diff --git a/x b/x\nold mode 100644\nnew mode 100755\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"))
                .hasMessageContaining("block 1 (x): file mode changes are not supported");
        assertThatThrownBy(() -> diff("--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n"))
                .hasMessageContaining("hunk 1 only adds lines and has no context");
        assertThatThrownBy(() -> diff("just prose, no diff"))
                .hasMessageContaining("no file headers found");
        assertThatThrownBy(() -> diff("@@ -1 +1 @@\n-a\n+b\n"))
                .hasMessageContaining("hunk header at line 1 comes before any '+++' file header");
        assertThatThrownBy(() -> diff("--- a/x\n+++ b/x\n@@ -1 +1 @ broken\n-a\n+b\n"))
                .hasMessageContaining("hunk 1 has a malformed header '@@ -1 +1 @ broken'");
    }
}
