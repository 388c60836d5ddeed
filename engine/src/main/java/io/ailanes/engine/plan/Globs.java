package io.ailanes.engine.plan;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.function.Predicate;

/**
 * Glob patterns as people write them for repositories: {@code **}{@code /*.md} also matches {@code README.md}
 * at the root (Java's PathMatcher alone requires a directory before the name).
 */
public final class Globs {

    private Globs() {}

    /** Matches relative paths (with forward slashes) against {@code glob}. */
    public static Predicate<String> matcher(String glob) {
        PathMatcher full = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        PathMatcher rootLevel = glob.startsWith("**/")
                ? FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3))
                : null;
        return path -> {
            Path p = Path.of(path);
            return full.matches(p) || (rootLevel != null && rootLevel.matches(p));
        };
    }
}
