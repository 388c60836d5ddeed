package io.ailanes.cli;

import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.PolicySettings;
import io.ailanes.engine.config.ProviderSettings;
import io.ailanes.engine.edit.EditFormat;
import io.ailanes.engine.edit.EditPolicy;
import io.ailanes.engine.gate.Gate;
import io.ailanes.engine.gate.EnvironmentMask;
import io.ailanes.engine.gate.GateEnvironment;
import io.ailanes.engine.gate.GateExecutor;
import io.ailanes.engine.gate.GatePolicy;
import io.ailanes.engine.gate.GateRunner;
import io.ailanes.engine.gate.LocalCommandRunner;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.run.AiRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine.Option;

/** How to implement: gates, rounds, escalation, what the change may touch. Shared by {@code implement} and {@code run}. */
final class ImplementOptions {

    @Option(names = "--gate", paramLabel = "NAME=COMMAND",
            description = "A gate: a shell command run in the workspace, e.g. --gate 'test=mvn -q test'. Repeatable.")
    List<String> gates = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "NAME=GLOB",
            description = "JUnit XML reports a gate writes, e.g. --junit 'test=**/surefire-reports/*.xml'.")
    List<String> junit = new ArrayList<>();

    @Option(names = "--gate-timeout", paramLabel = "MINUTES", defaultValue = "10",
            description = "How long each gate may run (default: ${DEFAULT-VALUE} minutes).")
    long gateTimeoutMinutes;

    @Option(names = "--use-plan-gates", description = "Also run the plan's suggested gates that --allow-gate-command allows.")
    boolean usePlanGates;

    @Option(names = "--allow-gate-command", paramLabel = "PATTERN",
            description = "A plan-suggested command that may run, '*' for any text, e.g. 'mvn *'. Repeatable.")
    List<String> allowedGateCommands = new ArrayList<>();

    @Option(names = "--max-rounds", defaultValue = "" + Implementer.Request.DEFAULT_MAX_ROUNDS, description = "Rounds per lane, the first included (default: ${DEFAULT-VALUE}).")
    int maxRounds;

    @Option(names = "--escalate", description = "When the rounds run out, go on in the lane's escalation lane.")
    boolean escalate;

    @Option(names = "--allow-path", paramLabel = "GLOB", description = "Files the change may touch besides the plan's. Repeatable.")
    List<String> allowPaths = new ArrayList<>();

    @Option(names = "--allow-other-files", description = "Let the change touch any unprotected file.")
    boolean allowOtherFiles;

    @Option(names = "--protect", paramLabel = "GLOB",
            description = "More protected paths, besides the built-in ones (.git/**, Jenkinsfiles, CI definitions, ...)"
                    + " and the configuration's policy.protectedPaths. Repeatable.")
    List<String> protect = new ArrayList<>();

    @Option(names = "--allow-sensitive", paramLabel = "GLOB",
            description = "Build files (pom.xml, package.json, Makefile, ...) the change may touch, besides the"
                    + " configuration's policy.allowSensitive; each change to one is audited. Repeatable.")
    List<String> allowSensitive = new ArrayList<>();

    @Option(names = "--on-failure", defaultValue = "keep",
            description = "keep (leave the last change set applied) or revert (default: ${DEFAULT-VALUE}).")
    String onFailure;

    @Option(names = "--format", defaultValue = "search-replace",
            description = "search-replace, unified-diff or whole-file (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--implement-lane", defaultValue = "execution", description = "The lane (default: ${DEFAULT-VALUE}).")
    String lane;

    @Option(names = "--implement-max-tokens", defaultValue = "" + Implementer.Request.DEFAULT_MAX_OUTPUT_TOKENS,
            description = "Output cap per call (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    Implementer.Request request(Plan plan, String planSha256, PolicySettings admin) {
        check();
        return new Implementer.Request(plan, planSha256, gates(), usePlanGates, new GatePolicy(allowedGateCommands),
                maxRounds, escalate, lane, admin.apply(policy(plan.paths())), format(), onFailure(), maxTokens,
                Implementer.Request.floorOutputTokens(maxTokens), 2_000, 60_000);
    }

    /**
     * The plan's files (those any change could touch: the plan is model output) plus --allow-path (checked
     * strictly: the user wrote them), with --allow-other-files, --protect and --allow-sensitive applied. The
     * configuration's policy comes on top ({@link PolicySettings#apply}): it only adds.
     */
    private EditPolicy policy(List<String> planned) {
        EditPolicy policy = EditPolicy.forPlan(planned).allowing(allowPaths).withAllowOtherFiles(allowOtherFiles);
        List<String> globs = new ArrayList<>(policy.protectedGlobs());
        globs.addAll(protect);
        return policy.withProtectedGlobs(globs).withSensitiveAllowed(allowSensitive);
    }

    /** Fails on any bad implement option, so {@code run} can refuse them before the plan costs anything. */
    void check() {
        if (maxRounds < 1) {
            throw new IllegalArgumentException("--max-rounds must be at least 1, was " + maxRounds);
        }
        if (gateTimeoutMinutes < 1) {
            throw new IllegalArgumentException("--gate-timeout must be at least 1 minute, was " + gateTimeoutMinutes);
        }
        onFailure();
        format();
        gates();
        policy(List.of()); // --allow-path and --protect
        new GatePolicy(allowedGateCommands); // refuses an empty pattern
    }

    List<Gate> gates() {
        Map<String, String> reports = new LinkedHashMap<>();
        for (String spec : junit) {
            String[] parts = pair(spec, "--junit", "NAME=GLOB");
            reports.put(parts[0], parts[1]);
        }
        List<Gate> list = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String spec : gates) {
            String[] parts = pair(spec, "--gate", "NAME=COMMAND");
            if (!names.add(parts[0])) {
                throw new IllegalArgumentException("--gate: two gates are named '" + parts[0] + "'");
            }
            list.add(new Gate(parts[0], parts[1], Duration.ofMinutes(gateTimeoutMinutes), reports.get(parts[0])));
        }
        for (String name : reports.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("--junit names gate '" + name + "', but no --gate has that name");
            }
        }
        return list;
    }

    /**
     * Runs gates in the workspace with the allowed environment only (the built-in names and the configuration's
     * {@code policy.gateEnvironment}, never a provider credential), every value of {@code environment} masked in
     * what they print.
     */
    static GateExecutor executor(AiLanesConfig config, AiRun run, Map<String, String> environment, Redactor redactor,
            Path workspace) {
        List<String> credentialNames = config.providers() == null ? List.of() : config.providers().stream()
                .map(ProviderSettings::credentialsId).filter(Objects::nonNull).toList();
        GateRunner runner = new GateRunner(new LocalCommandRunner(),
                GateEnvironment.forGates(environment, config.policy().gateEnvironment(), credentialNames,
                        run.secretValues()),
                redactor, EnvironmentMask.of(environment));
        return gates -> runner.run(gates, workspace);
    }

    private Implementer.OnFailure onFailure() {
        return Implementer.OnFailure.of(onFailure, "--on-failure");
    }

    private EditFormat format() {
        return EditFormat.of(format, "--format");
    }

    private static String[] pair(String spec, String option, String form) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException(option + " takes " + form + ", e.g. " + option + " 'test=mvn -q test'; got '"
                    + spec + "'");
        }
        return new String[] {spec.substring(0, eq).strip(), spec.substring(eq + 1).strip()};
    }
}
