package io.ailanes.engine.gate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs commands as local processes ({@code sh -c}), killing the whole process tree on timeout. */
public final class LocalCommandRunner implements CommandRunner {

    /** Output kept per command (start and end). */
    static final int OUTPUT_LIMIT = 256 * 1024;

    @Override
    public CommandResult run(String command, Path workdir, Map<String, String> environment, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", "-c", command))
                .directory(workdir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start gate command in " + workdir + ": " + e.getMessage(), e);
        }
        BoundedOutput output = new BoundedOutput(OUTPUT_LIMIT);
        Thread reader = new Thread(() -> drain(process.getInputStream(), output), "ai-lanes-gate-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running gate command", e);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        return new CommandResult(finished ? process.exitValue() : -1, !finished, duration, output.text(), output.total());
    }

    private static void kill(Process process) {
        // Children first: a test runner's forked JVMs must not outlive the gate.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void drain(InputStream in, BoundedOutput output) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                output.write(buffer, 0, n);
            }
        } catch (IOException ignored) {
            // The process was killed: what was read is kept.
        }
    }
}
