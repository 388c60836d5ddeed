package io.ailanes.engine.edit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Benchmark (a main, not a test): apply a 200-file change set; apply it with a failure on the last move so
 * all 200 files are rolled back; parse a 1 MB search/replace response. Run with:
 * <pre>
 * mvn -q -o test-compile -pl engine
 * mvn -q -o dependency:build-classpath -pl engine -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "engine/target/classes:engine/target/test-classes:$(cat /tmp/cp.txt)" io.ailanes.engine.edit.EditBench
 * </pre>
 */
public final class EditBench {

    private static final int FILES = 200;
    private static final int ROUNDS = 15;

    private EditBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("edit-bench");
        try {
            String response = changeSet();
            EditPolicy policy = EditPolicy.anyFile().withLimits(FILES, 100_000, 1 << 20, 64L << 20);
            long[] apply = new long[ROUNDS];
            long[] rollback = new long[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                Path ws = Files.createDirectory(dir.resolve("apply" + r));
                seed(ws);
                ChangeSet cs = EditParser.parse(response, EditFormat.SEARCH_REPLACE);
                long t0 = System.nanoTime();
                AppliedChanges done = new LocalWorkspace(ws).apply(cs, policy);
                apply[r] = System.nanoTime() - t0;
                check(done.files().size() == FILES, "applied " + done.files().size());

                Path ws2 = Files.createDirectory(dir.resolve("rollback" + r));
                seed(ws2);
                String before = WorkspaceChecksum.of(ws2);
                int[] moves = {0};
                LocalWorkspace failing = new LocalWorkspace(ws2, new Transaction.FaultHook() {
                    @Override
                    public void beforeMove(Path target) throws IOException {
                        if (++moves[0] == FILES) {
                            throw new IOException("injected failure on the last file");
                        }
                    }
                });
                long t1 = System.nanoTime();
                try {
                    failing.apply(cs, policy);
                    throw new IllegalStateException("expected the injected failure");
                } catch (IOException expected) {
                    rollback[r] = System.nanoTime() - t1;
                }
                check(WorkspaceChecksum.of(ws2).equals(before), "rollback left the workspace changed");
            }

            String big = oneMegabyteResponse();
            long[] parse = new long[ROUNDS];
            int edits = 0;
            for (int r = 0; r < ROUNDS; r++) {
                long t0 = System.nanoTime();
                edits = EditParser.parse(big, EditFormat.SEARCH_REPLACE).size();
                parse[r] = System.nanoTime() - t0;
            }
            System.out.printf(Locale.ROOT, "apply %d files (%d-round median): %.1f ms%n", FILES, ROUNDS, median(apply));
            System.out.printf(Locale.ROOT, "apply %d files, fail on the last move, roll back all (median): %.1f ms%n",
                    FILES, median(rollback));
            System.out.printf(Locale.ROOT, "parse %.2f MB response, %d blocks (median): %.1f ms%n",
                    big.length() / 1_048_576.0, edits, median(parse));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void seed(Path ws) throws IOException {
        for (int i = 0; i < FILES; i++) {
            Path f = ws.resolve("src/pkg" + (i % 10) + "/File" + i + ".java");
            Files.createDirectories(f.getParent());
            StringBuilder b = new StringBuilder("class File" + i + " {\n");
            for (int l = 0; l < 40; l++) {
                b.append("    int field").append(l).append(" = ").append(l).append(";\n");
            }
            Files.writeString(f, b.append("}\n").toString());
        }
    }

    private static String changeSet() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < FILES; i++) {
            b.append("src/pkg").append(i % 10).append("/File").append(i).append(".java\n")
                    .append("<<<<<<< SEARCH\n    int field20 = 20;\n=======\n    int field20 = 2000;\n    int added = 1;\n>>>>>>> REPLACE\n");
        }
        return b.toString();
    }

    private static String oneMegabyteResponse() {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (b.length() < 1 << 20) {
            b.append("Changing file ").append(i).append(":\n\nsrc/File").append(i).append(".java\n```java\n<<<<<<< SEARCH\n");
            for (int l = 0; l < 20; l++) {
                b.append("        value").append(l).append(" = compute(").append(l).append(", input);\n");
            }
            b.append("=======\n");
            for (int l = 0; l < 20; l++) {
                b.append("        value").append(l).append(" = computeFaster(").append(l).append(", input);\n");
            }
            b.append(">>>>>>> REPLACE\n```\n\n");
            i++;
        }
        return b.toString();
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
