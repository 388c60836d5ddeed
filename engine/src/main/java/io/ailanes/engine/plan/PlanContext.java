package io.ailanes.engine.plan;

import io.ailanes.engine.edit.Glob;
import io.ailanes.engine.prompt.SecretFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the planner reads from the workspace: the repository map and the selected files. Collected where the
 * workspace is (a Jenkins agent) and sent, as plain serializable values, to where the model call is made (the
 * controller), so file access and the call can run on different machines.
 *
 * @param repoMap the repository map, already cut to its share of the context budget
 * @param files the selected text files, in selection order, as many as fit the context budget
 * @param leftOut selected files that did not fit the context budget
 * @param skipped selected files that were not read, each with a fixed reason: withheld because they hold
 *        secrets ({@link SecretFiles}), not text, or not addressable or readable (a backslash or an invalid
 *        encoding in the name, gone since the listing, no permission)
 */
public record PlanContext(String repoMap, List<ContextFile> files, List<String> leftOut, List<Skipped> skipped)
        implements Serializable {

    private static final long serialVersionUID = 2L;

    /** A conservative characters-per-token figure for sizing context: code tokenizes densely. */
    static final int CHARS_PER_TOKEN = 3;
    private static final Pattern PATH_IN_TEXT = Pattern.compile("[A-Za-z0-9_.\\-/]+\\.[A-Za-z0-9]{1,8}");

    public PlanContext {
        files = List.copyOf(files);
        leftOut = List.copyOf(leftOut);
        skipped = List.copyOf(skipped);
    }

    /** A context without skipped files. */
    public PlanContext(String repoMap, List<ContextFile> files, List<String> leftOut) {
        this(repoMap, files, leftOut, List.of());
    }

    /** One selected file. */
    public record ContextFile(String path, String content) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A selected file that was not read, and why (a fixed sentence). */
    public record Skipped(String path, String reason) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Reads the map and the files: those matching {@code contextGlobs}, then those the task names, text only,
     * skipping links and build output. Reads no more file text than the context budget can hold. A file that
     * holds secrets, or that cannot be addressed or read, is skipped with a reason; it never fails the run.
     */
    public static PlanContext collect(Path root, List<String> contextGlobs, String task, int maxContextTokens)
            throws IOException {
        int budget = maxContextTokens * CHARS_PER_TOKEN;
        String map = RepoMap.of(root, Math.max(1_000, budget / 4));
        int left = budget - map.length() - task.length();
        List<ContextFile> files = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Map.Entry<String, Path> selected : select(root, contextGlobs, task).entrySet()) {
            String file = selected.getKey();
            Path path = selected.getValue();
            String problem = addressProblem(root, file, path);
            Optional<String> secret = SecretFiles.byName(file);
            if (problem != null || secret.isPresent()) {
                skipped.add(new Skipped(file, problem != null ? problem : secret.get()));
                continue;
            }
            byte[] bytes;
            try {
                if (Files.size(path) > Math.max(0, left)) {
                    leftOut.add(file);
                    continue;
                }
                bytes = read(path);
            } catch (IOException | SecurityException e) {
                skipped.add(new Skipped(file, "skipped: it cannot be read (" + e.getClass().getSimpleName() + ")"));
                continue;
            }
            if (!isText(bytes)) {
                skipped.add(new Skipped(file, "skipped: it is not text"));
                continue;
            }
            String content = new String(bytes, StandardCharsets.UTF_8);
            secret = SecretFiles.byContent(content);
            if (secret.isPresent()) {
                skipped.add(new Skipped(file, secret.get()));
                continue;
            }
            files.add(new ContextFile(file, content));
            left -= content.length();
        }
        return new PlanContext(map, files, leftOut, skipped);
    }

    /**
     * Files matching the context globs, then files the task names, by {@code /}-separated name (only the file
     * system's own separator is converted), each with the path it was listed as.
     */
    static Map<String, Path> select(Path root, List<String> contextGlobs, String task) throws IOException {
        Map<String, Path> all = new LinkedHashMap<>();
        for (Path file : RepoMap.files(root)) {
            all.put(RepoMap.relative(root, file), file);
        }
        Map<String, Path> selected = new LinkedHashMap<>();
        for (String glob : contextGlobs) {
            Glob matcher = new Glob(glob);
            all.forEach((file, path) -> {
                if (matcher.matches(file)) {
                    selected.put(file, path);
                }
            });
        }
        Matcher named = PATH_IN_TEXT.matcher(task);
        while (named.find()) {
            String candidate = named.group();
            all.forEach((file, path) -> {
                if (file.equals(candidate) || file.endsWith("/" + candidate)) {
                    selected.put(file, path);
                }
            });
        }
        return selected;
    }

    /** Why the name cannot be used to address the file (by an edit or a later read), or {@code null}. */
    private static String addressProblem(Path root, String name, Path listed) {
        if (name.indexOf('\\') >= 0) {
            return "skipped: its name holds a backslash, which edit paths cannot address";
        }
        try {
            if (!root.resolve(name).equals(listed)) {
                return "skipped: its name is not valid in the file system's encoding";
            }
        } catch (RuntimeException e) {
            return "skipped: its name is not valid in the file system's encoding";
        }
        return null;
    }

    /** The file's bytes, refusing a link that replaced it since the listing. */
    private static byte[] read(Path path) throws IOException {
        try (InputStream in = Channels.newInputStream(Files.newByteChannel(path, StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            return in.readAllBytes();
        }
    }

    private static boolean isText(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** The selected paths, in order. */
    public List<String> paths() {
        return files.stream().map(ContextFile::path).toList();
    }
}
