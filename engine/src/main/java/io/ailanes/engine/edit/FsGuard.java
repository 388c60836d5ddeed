package io.ailanes.engine.edit;

import io.ailanes.engine.edit.PolicyViolation.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The file-system half of the policy, run against the real workspace just before anything is read or
 * written. Walks the path one segment at a time without following links, so no symlink (as the file or as
 * any parent directory) and no hard-linked file is ever read or written.
 */
final class FsGuard {

    private FsGuard() {
    }

    /** What the path names on disk. {@code size} is 0 when the file does not exist. */
    record Target(Path file, boolean exists, long size) {
    }

    /** The outcome: a target or the violation found. */
    record Inspected(Target target, PolicyViolation violation) {
    }

    static Inspected inspect(Path root, String rel, String raw) throws IOException {
        String[] segments = rel.split("/");
        Path cur = root;
        try {
            for (int k = 0; k < segments.length; k++) {
                cur = cur.resolve(segments[k]);
                boolean last = k == segments.length - 1;
                String shown = String.join("/", java.util.Arrays.copyOf(segments, k + 1));
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(cur, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    return ok(new Target(root.resolve(rel), false, 0));
                }
                if (a.isSymbolicLink()) {
                    String role = last ? "the file" : "parent directory '" + shown + "'";
                    return escapes(root, cur)
                            ? bad(Rule.OUTSIDE_WORKSPACE, raw, role + " is a symbolic link that points outside the workspace")
                            : bad(Rule.SYMLINK, raw, role + " is a symbolic link; edits never go through links");
                }
                if (!last && !a.isDirectory()) {
                    return bad(Rule.NOT_A_REGULAR_FILE, raw, "'" + shown + "' is not a directory");
                }
                if (last) {
                    if (!a.isRegularFile()) {
                        return bad(Rule.NOT_A_REGULAR_FILE, raw, a.isDirectory() ? "the path is a directory"
                                : "the path is not a regular file (device, pipe or socket)");
                    }
                    long links = linkCount(cur);
                    if (links > 1) {
                        return bad(Rule.HARD_LINK, raw, "the file has " + links
                                + " hard links; writing it could change a file elsewhere");
                    }
                    return ok(new Target(cur, true, a.size()));
                }
            }
        } catch (InvalidPathException e) {
            return bad(Rule.INVALID_PATH, raw, "the file system refuses this path: " + e.getReason());
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * The path's location relative to the root after resolving every existing component, with {@code /}
     * separators; {@code null} when it lies outside the root. Catches what a case-insensitive or
     * case-preserving file system would make of the name.
     */
    static String realRelative(Path root, Path file) throws IOException {
        Path existing = file;
        Path rest = existing.getFileSystem().getPath("");
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            Path name = existing.getFileName();
            if (name == null) { // a file system root that does not exist: nothing real to resolve against
                return null;
            }
            rest = name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return null;
        }
        Path real = existing.toRealPath().resolve(rest).normalize();
        if (!real.startsWith(root)) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (Path p : root.relativize(real)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(p);
        }
        return b.toString();
    }

    /** Hard-link count where the file system reports one, else 1. */
    static long linkCount(Path file) {
        try {
            Object n = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
            return n instanceof Number num ? num.longValue() : 1;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return 1;
        }
    }

    private static boolean escapes(Path root, Path link) {
        try {
            Path parent = link.getParent();
            if (parent == null) { // a link that is a file system root cannot point inside the workspace
                return true;
            }
            Path target = parent.resolve(Files.readSymbolicLink(link)).normalize();
            if (!target.startsWith(root)) {
                return true;
            }
            return Files.exists(link) && !link.toRealPath().startsWith(root);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static Inspected ok(Target t) {
        return new Inspected(t, null);
    }

    private static Inspected bad(Rule rule, String raw, String reason) {
        return new Inspected(null, new PolicyViolation(rule, raw, reason));
    }
}
