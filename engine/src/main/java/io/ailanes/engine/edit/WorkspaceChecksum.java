package io.ailanes.engine.edit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A SHA-256 over a directory tree: every entry's relative path and type, each file's bytes and each
 * symbolic link's target, in sorted order. Links are recorded, never followed. Directories count too, so
 * a directory left behind by a rolled-back create shows up.
 */
public final class WorkspaceChecksum {

    private WorkspaceChecksum() {
    }

    public static String of(Path root) throws IOException {
        MessageDigest sha = sha256();
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(root)) {
            entries = walk.filter(p -> !p.equals(root)).sorted().collect(Collectors.toList());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path p : entries) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (Files.isSymbolicLink(p)) {
                update(sha, "L " + rel + " -> " + Files.readSymbolicLink(p));
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                update(sha, "D " + rel);
            } else if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                update(sha, "O " + rel); // pipes and devices: never read, a FIFO would block
            } else {
                byte[] bytes = Files.readAllBytes(p);
                update(sha, "F " + rel + " " + bytes.length);
                sha.update(bytes);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
