package io.ailanes.benchmarks;

import io.ailanes.engine.edit.AppliedChanges;
import io.ailanes.engine.edit.ChangeSet;
import io.ailanes.engine.edit.EditException;
import io.ailanes.engine.edit.EditFormat;
import io.ailanes.engine.edit.EditParseException;
import io.ailanes.engine.edit.EditParser;
import io.ailanes.engine.edit.EditPolicy;
import io.ailanes.engine.edit.FaultyWorkspaces;
import io.ailanes.engine.edit.FileSnapshot;
import io.ailanes.engine.edit.LocalWorkspace;
import io.ailanes.engine.edit.Workspace;
import io.ailanes.engine.edit.WorkspaceChecksum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The implement step's file work against plain writes of the same bytes, measured in the same run so the
 * ratio holds on a shared machine ({@link RatioReport} prints it):
 * <ul>
 * <li>applying a 200-file search/replace change set ({@link LocalWorkspace#apply}: path and policy checks, a
 * walk of every path without following links, UTF-8 checks, exact hunk matching, {@code changes.patch},
 * temporaries renamed into place) against {@code Files.write} of the 200 new contents;</li>
 * <li>the same apply failing on its last move, so all 200 files are rolled back, against writing the 200 new
 * contents and then the 200 old ones;</li>
 * <li>reverting the applied change set to its snapshot ({@link Workspace#restore}, what {@code --on-failure
 * revert} does) against {@code Files.write} of the 200 old contents;</li>
 * <li>parsing a 1 MB search/replace response ({@link EditParser#parse}) against splitting the same text into
 * lines and cutting out each block's path, search and replace text.</li>
 * </ul>
 * Every case starts from the same files: an invocation-level setup (not measured) puts them back.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EditBenchmark {

    static final int FILES = 200;

    /**
     * A workspace of 200 Java files and the change set that edits each of them once. Each case's state extends
     * it, so the invocation-level setup works on the same instance as the benchmark (JMH would give a state
     * injected into another state's setup an instance of its own).
     */
    public abstract static class Files200 {

        Path dir;
        LocalWorkspace workspace;
        Workspace failing;
        ChangeSet changes;
        EditPolicy policy;
        FileSnapshot before;
        String seedChecksum;
        /** Absolute path to the bytes before the change and after it, in the same order. */
        final Map<Path, byte[]> original = new LinkedHashMap<>();
        final Map<Path, byte[]> changed = new LinkedHashMap<>();

        @Setup(Level.Trial)
        public void create() throws IOException, EditException {
            dir = Files.createTempDirectory("ai-lanes-edit-bench");
            List<String> paths = seed(dir);
            seedChecksum = WorkspaceChecksum.of(dir);
            workspace = new LocalWorkspace(dir);
            failing = FaultyWorkspaces.failingEveryNthMove(dir, FILES);
            changes = EditParser.parse(changeSet(), EditFormat.SEARCH_REPLACE);
            policy = EditPolicy.anyFile().withLimits(FILES, 100_000, 1 << 20, 64L << 20);
            before = workspace.snapshot(paths);
            for (String path : paths) {
                original.put(workspace.root().resolve(path), before.files().get(path).orElseThrow());
            }
            // The baselines write exactly the bytes the engine writes: learn them from one real apply.
            AppliedChanges applied = workspace.apply(changes, policy);
            check(applied.files().size() == FILES, "the change set changed " + applied.files().size() + " files");
            for (Path file : original.keySet()) {
                changed.put(file, Files.readAllBytes(file));
                check(!Arrays.equals(changed.get(file), original.get(file)), file + " did not change");
            }
            write(original);
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The files before the change, put back before each invocation. */
    @State(Scope.Thread)
    public static class Before extends Files200 {

        @Setup(Level.Invocation)
        public void reset() throws IOException {
            write(original);
        }
    }

    /** As {@link Before}; after each invocation (not measured) checks that the rollback left every byte as it was. */
    @State(Scope.Thread)
    public static class BeforeRolledBack extends Before {

        @TearDown(Level.Invocation)
        public void unchanged() throws IOException {
            check(WorkspaceChecksum.of(dir).equals(seedChecksum), "the rollback left the workspace changed");
        }
    }

    /** The files after the change, as a failed step leaves them before {@code --on-failure revert}. */
    @State(Scope.Thread)
    public static class After extends Files200 {

        @Setup(Level.Invocation)
        public void change() throws IOException {
            write(changed);
        }
    }

    /** A 1 MB search/replace response. */
    @State(Scope.Benchmark)
    public static class Response {

        String text;

        @Setup(Level.Trial)
        public void create() {
            text = oneMegabyteResponse();
        }
    }

    @Benchmark
    public AppliedChanges apply200(Before files) throws IOException, EditException {
        return files.workspace.apply(files.changes, files.policy);
    }

    @Benchmark
    public int write200(Before files) throws IOException {
        return write(files.changed);
    }

    @Benchmark
    public String applyFailing200(BeforeRolledBack files) throws EditException {
        try {
            files.failing.apply(files.changes, files.policy);
        } catch (IOException expected) {
            return expected.getMessage();
        }
        throw new IllegalStateException("the apply was meant to fail on its last move");
    }

    @Benchmark
    public int writeAndRewrite200(Before files) throws IOException {
        return write(files.changed) + write(files.original);
    }

    @Benchmark
    public FileSnapshot revert200(After files) throws IOException {
        files.workspace.restore(files.before);
        return files.before;
    }

    @Benchmark
    public int rewrite200(After files) throws IOException {
        return write(files.original);
    }

    @Benchmark
    public ChangeSet parse1MB(Response response) throws EditParseException {
        return EditParser.parse(response.text, EditFormat.SEARCH_REPLACE);
    }

    /**
     * The least a parser of this format does: split the text into lines and cut out each block's path (the line
     * before the SEARCH marker), search text and replace text. No checks, no error messages.
     */
    @Benchmark
    public List<String[]> splitLines1MB(Response response) {
        String[] lines = response.text.split("\n", -1);
        List<String> all = Arrays.asList(lines);
        List<String[]> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].equals("<<<<<<< SEARCH")) {
                continue;
            }
            int start = i + 1;
            int divider = start;
            while (!lines[divider].equals("=======")) {
                divider++;
            }
            int end = divider + 1;
            while (!lines[end].equals(">>>>>>> REPLACE")) {
                end++;
            }
            String path = i >= 2 && lines[i - 1].startsWith("```") ? lines[i - 2] : lines[i - 1];
            blocks.add(new String[] {path, String.join("\n", all.subList(start, divider)),
                String.join("\n", all.subList(divider + 1, end))});
            i = end;
        }
        return blocks;
    }

    private static int write(Map<Path, byte[]> contents) throws IOException {
        int bytes = 0;
        for (Map.Entry<Path, byte[]> file : contents.entrySet()) {
            Files.write(file.getKey(), file.getValue());
            bytes += file.getValue().length;
        }
        return bytes;
    }

    /** 200 files of 42 lines in ten packages; returns their paths. */
    static List<String> seed(Path root) throws IOException {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            String path = "src/pkg" + (i % 10) + "/File" + i + ".java";
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder("class File" + i + " {\n");
            for (int line = 0; line < 40; line++) {
                text.append("    int field").append(line).append(" = ").append(line).append(";\n");
            }
            Files.writeString(file, text.append("}\n").toString());
            paths.add(path);
        }
        return paths;
    }

    /** One search/replace block per file: a line becomes two. */
    static String changeSet() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < FILES; i++) {
            text.append("src/pkg").append(i % 10).append("/File").append(i).append(".java\n")
                    .append("<<<<<<< SEARCH\n    int field20 = 20;\n=======\n    int field20 = 2000;\n    int added = 1;\n")
                    .append(">>>>>>> REPLACE\n");
        }
        return text.toString();
    }

    /** Blocks of 20 lines replaced by 20, each with a line of prose and a code fence, to just over 1 MiB. */
    static String oneMegabyteResponse() {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (text.length() < 1 << 20) {
            text.append("Changing file ").append(i).append(":\n\nsrc/File").append(i).append(".java\n```java\n<<<<<<< SEARCH\n");
            for (int line = 0; line < 20; line++) {
                text.append("        value").append(line).append(" = compute(").append(line).append(", input);\n");
            }
            text.append("=======\n");
            for (int line = 0; line < 20; line++) {
                text.append("        value").append(line).append(" = computeFaster(").append(line).append(", input);\n");
            }
            text.append(">>>>>>> REPLACE\n```\n\n");
            i++;
        }
        return text.toString();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
