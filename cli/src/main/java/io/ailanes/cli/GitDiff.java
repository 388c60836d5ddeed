package io.ailanes.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code git diff BASE} in the workspace: the engine never commits, pushes or merges, it only reads. */
final class GitDiff {

    private GitDiff() {}

    static String of(Path workspace, String base) {
        try {
            Process git = new ProcessBuilder(List.of("git", "diff", "--no-color", "--no-ext-diff", base, "--"))
                    .directory(workspace.toFile())
                    .redirectErrorStream(false)
                    .start();
            byte[] diff = git.getInputStream().readAllBytes();
            String error = new String(git.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                throw new IllegalArgumentException("git diff " + base + " failed in " + workspace + ": " + error.strip());
            }
            return new String(diff, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git diff in " + workspace + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git diff", e);
        }
    }
}
