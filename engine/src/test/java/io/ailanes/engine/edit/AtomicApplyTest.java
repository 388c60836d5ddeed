package io.ailanes.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** All or nothing: a failure at any point of the write phase leaves the workspace byte-for-byte as it was. */
class AtomicApplyTest {

    @TempDir
    Path temp;

    private TestTree ws;
    private ChangeSet changes;

    @BeforeEach
    void setUp() throws Exception {
        ws = new TestTree(temp.resolve("ws"))
                .file("a.txt", "alpha\n")
                .file("b.txt", "bravo\n")
                .file("gone.txt", "delete me\n")
                .file("src/Main.java", "class Main {\n}\n");
        // Sorted write order: a.txt, b.txt, gone.txt, new/deep/c.txt, src/Main.java
        changes = EditParser.parse("a.txt\n<<<<<<< SEARCH\nalpha\n=======\nALPHA\n>>>>>>> REPLACE\n"
                + "b.txt\n<<<<<<< SEARCH\nbravo\n=======\nBRAVO\n>>>>>>> REPLACE\n"
                + "gone.txt\n<<<<<<< DELETE\n"
                + "new/deep/c.txt\n<<<<<<< SEARCH\n=======\ncharlie\n>>>>>>> REPLACE\n"
                + "src/Main.java\n<<<<<<< SEARCH\n}\n=======\n  void run() {}\n}\n>>>>>>> REPLACE\n", EditFormat.SEARCH_REPLACE);
    }

    /** Fails on the n-th move (1-based). */
    private static Transaction.FaultHook failOnMove(int n, List<Path> seen) {
        return new Transaction.FaultHook() {
            @Override
            public void beforeMove(Path target) throws IOException {
                seen.add(target);
                if (seen.size() == n) {
                    throw new IOException("injected: disk full at " + target.getFileName());
                }
            }
        };
    }

    @Test
    void everyFailurePointRollsBackEverything() throws Exception {
        String before = ws.root().toFile().exists() ? WorkspaceChecksum.of(ws.root()) : null;
        for (int n = 1; n <= 5; n++) {
            List<Path> seen = new ArrayList<>();
            LocalWorkspace w = new LocalWorkspace(ws.root(), failOnMove(n, seen));
            assertThatThrownBy(() -> w.apply(changes, EditPolicy.anyFile()))
                    .isInstanceOf(IOException.class).hasMessageStartingWith("injected: disk full");
            assertThat(seen).hasSize(n);
            assertThat(WorkspaceChecksum.of(ws.root())).as("after failing on move " + n).isEqualTo(before);
            assertThat(ws.hasLeftovers()).isFalse();
            assertThat(Files.exists(ws.root().resolve("new"))).as("created directories removed").isFalse();
        }
    }

    @Test
    void failureWhileStagingRollsBackCreatedDirectoriesAndTemporaries() throws Exception {
        String before = WorkspaceChecksum.of(ws.root());
        LocalWorkspace w = new LocalWorkspace(ws.root(), new Transaction.FaultHook() {
            @Override
            public void beforeStage(Path target) throws IOException {
                if (target.endsWith("Main.java")) {
                    throw new IOException("injected: no space left while staging");
                }
            }
        });
        assertThatThrownBy(() -> w.apply(changes, EditPolicy.anyFile())).hasMessageContaining("while staging");
        assertThat(WorkspaceChecksum.of(ws.root())).isEqualTo(before);
        assertThat(ws.hasLeftovers()).isFalse();
    }

    @Test
    void aDirectoryAppearingWhereAFileMustGoRollsBackTheRest() throws Exception {
        String before = WorkspaceChecksum.of(ws.root());
        Path blocker = ws.root().resolve("late.txt");
        ChangeSet cs = EditParser.parse("a.txt\n<<<<<<< SEARCH\nalpha\n=======\nALPHA\n>>>>>>> REPLACE\n"
                + "b.txt\n<<<<<<< SEARCH\nbravo\n=======\nBRAVO\n>>>>>>> REPLACE\n"
                + "late.txt\n<<<<<<< SEARCH\n=======\nlate\n>>>>>>> REPLACE\n", EditFormat.SEARCH_REPLACE);
        LocalWorkspace w = new LocalWorkspace(ws.root(), new Transaction.FaultHook() {
            @Override
            public void beforeMove(Path target) throws IOException {
                if (target.endsWith("late.txt")) {
                    Files.createDirectory(blocker); // a concurrent process, after validation passed
                }
            }
        });
        assertThatThrownBy(() -> w.apply(cs, EditPolicy.anyFile())).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(ws.read("a.txt")).isEqualTo("alpha\n");
        assertThat(ws.read("b.txt")).isEqualTo("bravo\n");
        Files.delete(blocker); // the obstacle is not ours; everything else must be exactly as before
        assertThat(WorkspaceChecksum.of(ws.root())).isEqualTo(before);
        assertThat(ws.hasLeftovers()).isFalse();
    }

    @Test
    void readOnlyDirectoryFailsBeforeAnythingLands() throws Exception {
        Path dir = ws.root().resolve("src");
        Assumptions.assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX permissions");
        Set<PosixFilePermission> original = Files.getPosixFilePermissions(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(dir), "running as a user that can write read-only directories");
            String before = WorkspaceChecksum.of(ws.root());
            assertThatThrownBy(() -> new LocalWorkspace(ws.root()).apply(changes, EditPolicy.anyFile()))
                    .isInstanceOf(IOException.class);
            assertThat(WorkspaceChecksum.of(ws.root())).isEqualTo(before);
        } finally {
            Files.setPosixFilePermissions(dir, original);
        }
    }

    @Test
    void successLandsEveryEditKeepsModesAndLeavesNoTemporaries() throws Exception {
        Path a = ws.root().resolve("a.txt");
        boolean posix = Files.getFileStore(a).supportsFileAttributeView("posix");
        if (posix) {
            Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rwxr-x---"));
        }
        AppliedChanges applied = new LocalWorkspace(ws.root()).apply(changes, EditPolicy.anyFile());

        assertThat(ws.read("a.txt")).isEqualTo("ALPHA\n");
        assertThat(ws.read("b.txt")).isEqualTo("BRAVO\n");
        assertThat(Files.exists(ws.root().resolve("gone.txt"))).isFalse();
        assertThat(ws.read("new/deep/c.txt")).isEqualTo("charlie\n");
        assertThat(ws.read("src/Main.java")).isEqualTo("class Main {\n  void run() {}\n}\n");
        assertThat(ws.hasLeftovers()).isFalse();
        if (posix) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a))).isEqualTo("rwxr-x---");
        }
        assertThat(applied.files()).containsExactly(
                new AppliedFile("a.txt", EditKind.MODIFY, 1, 1, 6),
                new AppliedFile("b.txt", EditKind.MODIFY, 1, 1, 6),
                new AppliedFile("gone.txt", EditKind.DELETE, 0, 1, 0),
                new AppliedFile("new/deep/c.txt", EditKind.CREATE, 1, 0, 8),
                new AppliedFile("src/Main.java", EditKind.MODIFY, 1, 0, 31));
        assertThat(applied.patch()).isEqualTo("""
                diff --git a/a.txt b/a.txt
                --- a/a.txt
                +++ b/a.txt
                @@ -1,1 +1,1 @@
                -alpha
                +ALPHA
                diff --git a/b.txt b/b.txt
                --- a/b.txt
                +++ b/b.txt
                @@ -1,1 +1,1 @@
                -bravo
                +BRAVO
                diff --git a/gone.txt b/gone.txt
                deleted file mode 100644
                --- a/gone.txt
                +++ /dev/null
                @@ -1,1 +0,0 @@
                -delete me
                diff --git a/new/deep/c.txt b/new/deep/c.txt
                new file mode 100644
                --- /dev/null
                +++ b/new/deep/c.txt
                @@ -0,0 +1,1 @@
                +charlie
                diff --git a/src/Main.java b/src/Main.java
                --- a/src/Main.java
                +++ b/src/Main.java
                @@ -1,2 +1,3 @@
                 class Main {
                +  void run() {}
                 }
                """);
        Path written = applied.writePatch(temp);
        assertThat(written.getFileName().toString()).isEqualTo("changes.patch");
        assertThat(Files.readString(written)).isEqualTo(applied.patch());
    }
}
