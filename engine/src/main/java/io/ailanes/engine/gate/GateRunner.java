package io.ailanes.engine.gate;

import io.ailanes.engine.redact.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs gates in order through a {@link CommandRunner}; every gate runs, so feedback covers all failures. */
public final class GateRunner {

    private final CommandRunner runner;
    private final Map<String, String> environment;
    private final Redactor redactor;
    private final EnvironmentMask mask;

    /**
     * @param environment the gates' environment, the allowed variables only ({@link GateEnvironment})
     * @param redactor masks secrets in what gates print before it is stored or sent to a model
     * @param mask masks the host's environment values in what gates print ({@link EnvironmentMask})
     */
    public GateRunner(CommandRunner runner, Map<String, String> environment, Redactor redactor, EnvironmentMask mask) {
        this.runner = runner;
        this.environment = Map.copyOf(environment);
        this.redactor = redactor;
        this.mask = mask;
    }

    public List<GateResult> run(List<Gate> gates, Path workspace) {
        List<GateResult> results = new ArrayList<>();
        for (Gate gate : gates) {
            long started = System.currentTimeMillis() - 2_000; // file times are coarse on some file systems
            CommandResult result = runner.run(gate.command(), workspace, environment, gate.timeout());
            JUnitCounts junit = JUnitCounts.NONE;
            if (gate.junit() != null) {
                try {
                    junit = JUnitReports.read(workspace, gate.junit(), started);
                } catch (IOException e) {
                    junit = JUnitCounts.NONE;
                }
            }
            results.add(result(gate, result, junit, redactor, mask));
        }
        return results;
    }

    /**
     * How a gate went, from what its command did and what its JUnit reports say: the one pass rule, shared by every
     * host that runs gates its own way (the Jenkins plugin runs them through the agent's launcher).
     *
     * <p>Every host's gate output passes here, so this is where it is made safe to keep and send: the host's
     * environment values are masked ({@code mask}), then secrets redacted ({@code redactor}), in the command, the
     * output and the failing tests' names and messages. Masking first keeps a value whole: a redacted password inside
     * a database URL would otherwise leave the rest of the URL unmatched.
     */
    public static GateResult result(Gate gate, CommandResult result, JUnitCounts junit, Redactor redactor,
            EnvironmentMask mask) {
        boolean passed = result.succeeded() && junit.failures() == 0 && junit.errors() == 0;
        // The command as written may hold a literal key: what is kept (gates.xml, the log, feedback) is redacted.
        Gate shown = new Gate(gate.name(), safe(gate.command(), redactor, mask), gate.timeout(), gate.junit());
        JUnitCounts counts = junit.failing().isEmpty() ? junit : new JUnitCounts(junit.tests(), junit.failures(),
                junit.errors(), junit.skipped(), junit.failing().stream().map(line -> safe(line, redactor, mask)).toList());
        return new GateResult(shown, passed, result.exitCode(), result.timedOut(), result.duration(),
                safe(withoutTerminalCodes(result.output()), redactor, mask), counts);
    }

    private static String safe(String text, Redactor redactor, EnvironmentMask mask) {
        return redactor.redact(mask.mask(text));
    }

    /** Colour and cursor codes (Maven, npm and most test runners print them): noise in gates.xml and in prompts. */
    private static final java.util.regex.Pattern TERMINAL_CODES =
            java.util.regex.Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|[ -/]*[0-~])");

    static String withoutTerminalCodes(String output) {
        return output.indexOf('\u001B') < 0 ? output : TERMINAL_CODES.matcher(output).replaceAll("");
    }
}
