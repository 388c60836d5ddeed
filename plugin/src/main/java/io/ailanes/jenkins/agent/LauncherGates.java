package io.ailanes.jenkins.agent;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.ailanes.engine.gate.BoundedOutputStream;
import io.ailanes.engine.gate.CommandResult;
import io.ailanes.engine.gate.EnvironmentMask;
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
 * the allow-listed environment only ({@link GateEnvironment}), output bounded (start and end kept) and every value of
 * the agent's and the build's environment masked in it ({@link EnvironmentMask}), a timeout that kills the process
 * tree, and JUnit reports read on the agent. The pass rule is the engine's.
 */
public final class LauncherGates implements GateExecutor {

    private final Launcher launcher;
    private final FilePath workspace;
    private final Map<String, String> environment;
    private final EnvironmentMask mask;
    private final Redactor redactor;
    private final TaskListener listener;
    private final Cancellation cancellation;

    /**
     * @param buildEnvironment the step's environment (node and build variables, {@code withCredentials} bindings)
     * @param gateEnvironment the names the admin allows besides the built-in ones ({@code policy.gateEnvironment})
     * @param secretValues the provider keys and header values of the run: any variable holding one is dropped
     * @param cancellation stopping the build kills the running gate's process tree
     * @throws IOException if the agent's environment cannot be read
     */
    public LauncherGates(Launcher launcher, FilePath workspace, Map<String, String> buildEnvironment,
            List<String> gateEnvironment, Collection<String> secretValues, Redactor redactor, TaskListener listener,
            Cancellation cancellation) throws IOException, InterruptedException {
        this.launcher = launcher;
        this.workspace = workspace;
        Map<String, String> agent = agentEnvironment(launcher);
        this.environment = environment(agent, buildEnvironment, gateEnvironment, secretValues, !launcher.isUnix());
        this.mask = EnvironmentMask.of(buildEnvironment, agent);
        this.redactor = redactor;
        this.listener = listener;
        this.cancellation = cancellation;
    }

    /**
     * The agent process's own environment, which the launcher starts every process from ({@link EnvVars#getRemote}
     * over the launcher's channel; none when the launcher has no channel).
     */
    static Map<String, String> agentEnvironment(Launcher launcher) throws IOException, InterruptedException {
        VirtualChannel channel = launcher.getChannel();
        return channel == null ? Map.of() : EnvVars.getRemote(channel);
    }

    /**
     * What to pass to {@code envs(...)}: the launcher starts from the agent process's environment and applies these
     * as overrides, where an empty value removes the variable ({@link EnvVars#override}). So every variable of the
     * agent's and the build's environment is set empty, and then the allowed ones are set to their value (the
     * build's, else the agent's). On Windows names are matched ignoring case, as the agent's {@link EnvVars} does.
     */
    static Map<String, String> environment(Map<String, String> agent, Map<String, String> build,
            List<String> gateEnvironment, Collection<String> secretValues, boolean windows) {
        Map<String, String> merged = windows ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new TreeMap<>();
        merged.putAll(agent);
        merged.putAll(build);
        Map<String, String> env = windows ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new TreeMap<>();
        for (String name : merged.keySet()) {
            env.put(name, "");
        }
        for (String name : GateEnvironment.wellKnownKeyNames()) {
            env.put(name, "");
        }
        env.putAll(GateEnvironment.forGates(merged, gateEnvironment, List.of(), secretValues, windows));
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
                        "the gate could not run: " + e.getMessage(), 0), JUnitCounts.NONE, redactor, mask));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running gate '" + gate.name() + "'", e);
            }
        }
        return results;
    }

    private GateResult run(Gate gate) throws IOException, InterruptedException {
        listener.getLogger().println("[ai-lanes] gate '" + gate.name() + "': "
                + redactor.redact(mask.mask(gate.command())));
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
                output.text(), output.total()), junit, redactor, mask);
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
     * {@code maxBytes} are kept (the review cuts long diffs anyway). Git runs with the gates' built-in allow-list
     * ({@code PATH} and {@code HOME} find git and its configuration).
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
                .envs(environment(agentEnvironment(launcher), buildEnvironment, List.of(), secretValues,
                        !launcher.isUnix()))
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
