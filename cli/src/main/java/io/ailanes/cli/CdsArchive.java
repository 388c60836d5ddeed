package io.ailanes.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes the class-data sharing archive {@code bin/ai-lanes} starts the CLI with, at package time: a training JVM
 * ({@link CdsTraining}) runs with {@code -XX:ArchiveClassesAtExit}, the archive it dumps is checked by starting
 * {@code --version} with {@code -Xshare:on} (which refuses an archive it cannot use), and only then renamed into
 * place. Best effort: on any failure (a JVM that cannot dump, a timeout) it removes what it wrote, says so in one
 * line and exits 0, and the CLI starts without an archive. An archive left from an earlier build is removed first,
 * so the one beside the jar is always this jar's or none.
 *
 * <p>Usage: {@code CdsArchive JAR ARCHIVE}.
 */
final class CdsArchive {

    private static final long TIMEOUT_SECONDS = 180;

    private CdsArchive() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path archive = Path.of(args[1]).toAbsolutePath();
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        Files.deleteIfExists(archive);
        Files.deleteIfExists(partial);
        String problem;
        try {
            problem = build(jar, partial);
            if (problem == null) {
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                System.out.println("ai-lanes: class-data archive " + archive + " (" + Files.size(archive) / 1024 + " KB)");
                return;
            }
        } catch (IOException | RuntimeException e) {
            problem = e.toString();
        } finally {
            Files.deleteIfExists(partial);
        }
        System.out.println("ai-lanes: no class-data archive (the CLI works without it, only starts slower): " + problem);
    }

    /** Dumps and checks the archive at {@code partial}; the problem, or null when it is usable. */
    private static String build(Path jar, Path partial) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String dump = run(List.of(java, "-XX:ArchiveClassesAtExit=" + partial, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-XX:TieredStopAtLevel=1", "-cp", jar.toString(), CdsTraining.class.getName()));
        if (dump != null) {
            return "training run: " + dump;
        }
        if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
            return "the JVM wrote no archive";
        }
        String check = run(List.of(java, "-XX:SharedArchiveFile=" + partial, "-Xshare:on", "-jar", jar.toString(),
                "--version"));
        return check == null ? null : "check with -Xshare:on: " + check;
    }

    /** Runs a command; null when it exited 0 in time, otherwise what went wrong with its last output. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        File log = File.createTempFile("ai-lanes-cds", ".log");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .redirectOutput(log)
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return "timed out after " + TIMEOUT_SECONDS + " s";
            }
            if (process.exitValue() == 0) {
                return null;
            }
            String output = Files.readString(log.toPath()).strip();
            return "exit " + process.exitValue() + (output.isEmpty() ? "" : ": "
                    + output.substring(Math.max(0, output.length() - 500)));
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }
}
