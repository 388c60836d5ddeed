package io.ailanes.engine.plan;

import io.ailanes.engine.edit.Glob;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 */
public record PlanContext(String repoMap, List<ContextFile> files, List<String> leftOut) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A conservative characters-per-token figure for sizing context: code tokenizes densely. */
    static final int CHARS_PER_TOKEN = 3;
    private static final Pattern PATH_IN_TEXT = Pattern.compile("[A-Za-z0-9_.\\-/]+\\.[A-Za-z0-9]{1,8}");

    public PlanContext {
        files = List.copyOf(files);
        leftOut = List.copyOf(leftOut);
    }

    /** One selected file. */
    public record ContextFile(String path, String content) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Reads the map and the files: those matching {@code contextGlobs}, then those the task names, text only,
     * skipping links and build output. Reads no more file text than the context budget can hold.
     */
    public static PlanContext collect(Path root, List<String> contextGlobs, String task, int maxContextTokens)
            throws IOException {
        int budget = maxContextTokens * CHARS_PER_TOKEN;
        String map = RepoMap.of(root, Math.max(1_000, budget / 4));
        int left = budget - map.length() - task.length();
        List<ContextFile> files = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (String file : select(root, contextGlobs, task)) {
            Path path = root.resolve(file);
            if (Files.size(path) > Math.max(0, left)) {
                leftOut.add(file);
                continue;
            }
            byte[] bytes = Files.readAllBytes(path);
            if (!isText(bytes)) {
                continue;
            }
            String content = new String(bytes, StandardCharsets.UTF_8);
            files.add(new ContextFile(file, content));
            left -= content.length();
        }
        return new PlanContext(map, files, leftOut);
    }

    /** Files matching the context globs, then files the task names that exist. */
    static List<String> select(Path root, List<String> contextGlobs, String task) throws IOException {
        Set<String> selected = new LinkedHashSet<>();
        List<String> all = new ArrayList<>();
        for (Path file : RepoMap.files(root)) {
            all.add(root.relativize(file).toString().replace('\\', '/'));
        }
        for (String glob : contextGlobs) {
            Glob matcher = new Glob(glob);
            for (String file : all) {
                if (matcher.matches(file)) {
                    selected.add(file);
                }
            }
        }
        Matcher named = PATH_IN_TEXT.matcher(task);
        while (named.find()) {
            String candidate = named.group();
            for (String file : all) {
                if (file.equals(candidate) || file.endsWith("/" + candidate)) {
                    selected.add(file);
                }
            }
        }
        return new ArrayList<>(selected);
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
