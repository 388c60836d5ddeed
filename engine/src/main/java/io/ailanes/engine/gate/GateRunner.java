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

    /**
     * @param environment the gates' environment, credentials already removed ({@link GateEnvironment})
     * @param redactor masks secrets in what gates print before it is stored or sent to a model
     */
    public GateRunner(CommandRunner runner, Map<String, String> environment, Redactor redactor) {
        this.runner = runner;
        this.environment = Map.copyOf(environment);
        this.redactor = redactor;
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
            results.add(result(gate, result, junit, redactor));
        }
        return results;
    }

    /**
     * How a gate went, from what its command did and what its JUnit reports say: the one pass rule, shared by every
     * host that runs gates its own way (the Jenkins plugin runs them through the agent's launcher).
     */
    public static GateResult result(Gate gate, CommandResult result, JUnitCounts junit, Redactor redactor) {
        boolean passed = result.succeeded() && junit.failures() == 0 && junit.errors() == 0;
        // The command as written may hold a literal key: what is kept (gates.xml, the log, feedback) is redacted.
        Gate shown = new Gate(gate.name(), redactor.redact(gate.command()), gate.timeout(), gate.junit());
        return new GateResult(shown, passed, result.exitCode(), result.timedOut(), result.duration(),
                redactor.redact(withoutTerminalCodes(result.output())), junit);
    }

    /** Colour and cursor codes (Maven, npm and most test runners print them): noise in gates.xml and in prompts. */
    private static final java.util.regex.Pattern TERMINAL_CODES =
            java.util.regex.Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|[ -/]*[0-~])");

    static String withoutTerminalCodes(String output) {
        return output.indexOf('\u001B') < 0 ? output : TERMINAL_CODES.matcher(output).replaceAll("");
    }
}
