package io.ailanes.engine.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compact map of a repository for the planner: every file's path and size, and for source files a short
 * outline (type and function declarations), so the model sees the shape of the code without its bulk.
 */
public final class RepoMap {

    static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", "build", "node_modules", ".gradle", ".idea",
            "dist", "out", ".venv", "venv", "__pycache__", "ai-lanes", "ai-lanes-out");
    private static final Pattern OUTLINE = Pattern.compile(
            "^\\s*(?:(?:public|protected|private|static|final|abstract|export|default|async|sealed|data|open|internal)\\s+)*"
                    + "(?:class|interface|enum|record|object|trait|struct|fun|func|def|function|fn)\\s+[A-Za-z_$][\\w$]*.*");
    private static final Pattern JAVA_METHOD = Pattern.compile(
            "^\\s*(?:public|protected|private)\\s+(?:static\\s+)?(?:final\\s+)?[\\w<>\\[\\], ?]+\\s+\\w+\\s*\\(.*");
    private static final Set<String> SOURCE = Set.of("java", "kt", "groovy", "scala", "py", "js", "ts", "tsx", "jsx",
            "go", "rs", "rb", "cs", "swift", "c", "h", "cpp", "hpp");
    private static final int MAX_OUTLINE_LINES = 12;
    private static final long MAX_OUTLINE_BYTES = 512 * 1024;

    private RepoMap() {}

    /** The map as text, at most {@code maxChars} long (later files are summarised as a count). */
    public static String of(Path root, int maxChars) throws IOException {
        List<Path> files = files(root);
        StringBuilder map = new StringBuilder();
        int shown = 0;
        for (Path file : files) {
            StringBuilder entry = new StringBuilder();
            String relative = relative(root, file);
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                continue; // gone (or unreadable) since the listing: nothing to show
            }
            entry.append(relative).append(" (").append(size).append(" bytes)\n");
            if (isSource(relative) && size <= MAX_OUTLINE_BYTES) {
                for (String line : outline(file)) {
                    entry.append("    ").append(line).append('\n');
                }
            }
            if (map.length() + entry.length() > maxChars) {
                break;
            }
            map.append(entry);
            shown++;
        }
        if (shown < files.size()) {
            map.append("... and ").append(files.size() - shown).append(" more files\n");
        }
        return map.toString();
    }

    /**
     * Regular files under {@code root}, sorted, skipping build output, VCS data, symbolic links and entries that
     * cannot be read (an unreadable directory, a file removed while walking).
     */
    public static List<Path> files(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path name = dir.getFileName();
                return !dir.equals(root) && name != null && SKIPPED_DIRS.contains(name.toString())
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // unreadable or gone since it was listed: not part of the map
            }
        });
        files.sort(null);
        return files;
    }

    /**
     * {@code file} relative to {@code root} with {@code /} separators. Only the file system's own separator is
     * converted: on Linux a backslash is part of a name, not a separator.
     */
    static String relative(Path root, Path file) {
        String separator = root.getFileSystem().getSeparator();
        String relative = root.relativize(file).toString();
        return separator.equals("/") ? relative : relative.replace(separator, "/");
    }

    static boolean isSource(String path) {
        int dot = path.lastIndexOf('.');
        return dot > 0 && SOURCE.contains(path.substring(dot + 1));
    }

    static List<String> outline(Path file) {
        List<String> lines = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (OUTLINE.matcher(line).matches() || JAVA_METHOD.matcher(line).matches()) {
                    String trimmed = line.strip();
                    int brace = trimmed.indexOf('{');
                    lines.add(brace > 0 ? trimmed.substring(0, brace).strip() : trimmed);
                    if (lines.size() == MAX_OUTLINE_LINES) {
                        lines.add("...");
                        break;
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // Not UTF-8 text: the path and size are enough.
        }
        return lines;
    }
}
