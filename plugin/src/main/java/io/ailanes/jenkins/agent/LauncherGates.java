package io.ailanes.jenkins.agent;

import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import io.ailanes.engine.gate.BoundedOutputStream;
import io.ailanes.engine.gate.CommandResult;
import io.ailanes.engine.gate.Gate;
import io.ailanes.engine.gate.GateEnvironment;
import io.ailanes.engine.gate.GateExecutor;
import io.ailanes.engine.gate.GateResult;
import io.ailanes.engine.gate.GateRunner;
import io.ailanes.engine.gate.JUnitCounts;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.redact.Redactor;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs gates on the agent through its launcher ({@code sh -c}, or {@code cmd /c} on Windows) in the workspace, with
 * the build's environment minus every provider credential, output bounded (start and end kept), a timeout that kills
 * the process tree, and JUnit reports read on the agent. The pass rule is the engine's.
 */
public final class LauncherGates implements GateExecutor {

    private final Launcher launcher;
    private final FilePath workspace;
    private final Map<String, String> environment;
    private final Redactor redactor;
    private final TaskListener listener;
    private final Cancellation cancellation;

    /**
     * @param buildEnvironment the step's environment (node and build variables)
     * @param secretValues the provider keys and header values of the run: any variable holding one is dropped
     * @param cancellation stopping the build kills the running gate's process tree
     */
    public LauncherGates(Launcher launcher, FilePath workspace, Map<String, String> buildEnvironment,
            Collection<String> secretValues, Redactor redactor, TaskListener listener, Cancellation cancellation) {
        this.launcher = launcher;
        this.workspace = workspace;
        this.environment = environment(buildEnvironment, secretValues);
        this.redactor = redactor;
        this.listener = listener;
        this.cancellation = cancellation;
    }

    /**
     * The build's environment without credentials. The launcher starts from the agent process's own environment,
     * so the well-known key variables are also set empty, which removes them from what the gate inherits.
     */
    static Map<String, String> environment(Map<String, String> build, Collection<String> secretValues) {
        Map<String, String> env = new TreeMap<>(GateEnvironment.scrub(build, List.of(), secretValues));
        for (String name : GateEnvironment.wellKnownKeyNames()) {
            env.put(name, "");
        }
        return env;
    }

    @Override
    public List<GateResult> run(List<Gate> gates) {
        List<GateResult> results = new ArrayList<>();
        for (Gate gate : gates) {
            if (cancellation.isCancelled()) {
                break;
            }
            try {
                results.add(run(gate));
            } catch (IOException e) {
                results.add(GateRunner.result(gate, new CommandResult(-1, false, Duration.ZERO,
                        "the gate could not run: " + e.getMessage(), 0), JUnitCounts.NONE, redactor));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running gate '" + gate.name() + "'", e);
            }
        }
        return results;
    }

    private GateResult run(Gate gate) throws IOException, InterruptedException {
        listener.getLogger().println("[ai-lanes] gate '" + gate.name() + "': " + redactor.redact(gate.command()));
        // File times on some file systems are coarse: reports written just before "now" still count.
        long since = AgentFiles.agentTime(workspace) - 2_000;
        BoundedOutputStream output = BoundedOutputStream.standard();
        long start = System.nanoTime();
        Proc proc = launcher.launch()
                .cmds(launcher.isUnix() ? List.of("sh", "-c", gate.command()) : List.of("cmd", "/c", gate.command()))
                .pwd(workspace)
                .envs(environment)
                .stdout(output)
                .quiet(true)
                .start();
        int exitCode;
        try (AutoCloseable onStop = cancellation.onCancel(() -> kill(proc))) {
            exitCode = proc.joinWithTimeout(gate.timeout().toMillis(), TimeUnit.MILLISECONDS, listener);
        } catch (InterruptedException e) {
            proc.kill();
            throw e;
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        boolean timedOut = exitCode != 0 && duration.compareTo(gate.timeout()) >= 0;
        JUnitCounts junit = gate.junit() == null ? JUnitCounts.NONE : AgentFiles.junit(workspace, gate.junit(), since);
        GateResult result = GateRunner.result(gate, new CommandResult(timedOut ? -1 : exitCode, timedOut, duration,
                output.text(), output.total()), junit, redactor);
        if (cancellation.isCancelled()) {
            // Stopping killed the process tree: the shell's exit code (0 once its children are gone) means nothing.
            listener.getLogger().println("[ai-lanes] gate '" + gate.name() + "' stopped with the build: not passed");
            return result.asStopped();
        }
        listener.getLogger().println("[ai-lanes] gate '" + gate.name() + "' " + (result.passed() ? "passed" : "FAILED")
                + (timedOut ? " (timed out after " + gate.timeout().toSeconds() + " s)" : " (exit code " + exitCode + ")")
                + (junit.tests() > 0 ? ", tests: " + junit.tests() + " run, " + junit.failures() + " failed, "
                        + junit.errors() + " errors" : ""));
        return result;
    }

    private void kill(Proc proc) {
        try {
            proc.kill();
        } catch (IOException e) {
            listener.getLogger().println("[ai-lanes] could not kill the gate: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code git diff BASE} in the workspace, read-only, through the launcher: the change to review. At most
     * {@code maxBytes} are kept (the review cuts long diffs anyway).
     */
    public static String gitDiff(Launcher launcher, FilePath workspace, Map<String, String> buildEnvironment,
            Collection<String> secretValues, String base, int maxBytes) throws IOException, InterruptedException {
        if (base.isBlank() || base.startsWith("-")) {
            throw new IllegalArgumentException("base must be a git ref such as origin/main, not '" + base + "'");
        }
        CappedOutputStream diff = new CappedOutputStream(maxBytes);
        CappedOutputStream errors = new CappedOutputStream(8_192);
        int exit = launcher.launch()
                .cmds("git", "diff", "--no-color", "--no-ext-diff", base, "--")
                .pwd(workspace)
                .envs(environment(buildEnvironment, secretValues))
                .stdout(diff)
                .stderr(errors)
                .quiet(true)
                .join();
        if (exit != 0) {
            throw new IOException("git diff " + base + " failed (exit code " + exit + "): " + errors.text().strip());
        }
        return diff.text();
    }
}
