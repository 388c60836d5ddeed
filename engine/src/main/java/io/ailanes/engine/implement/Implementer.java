package io.ailanes.engine.implement;

import io.ailanes.engine.edit.AppliedChanges;
import io.ailanes.engine.edit.EditFormat;
import io.ailanes.engine.edit.EditPolicy;
import io.ailanes.engine.edit.FileSnapshot;
import io.ailanes.engine.edit.Workspace;
import io.ailanes.engine.gate.Gate;
import io.ailanes.engine.gate.GateExecutor;
import io.ailanes.engine.gate.GateFeedback;
import io.ailanes.engine.gate.GatePolicy;
import io.ailanes.engine.gate.GateResult;
import io.ailanes.engine.gate.GatesXml;
import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.option.Choice;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.prompt.PromptFence;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.run.AiRun;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The implement step: the execution lane turns the plan into edits, the edit policy and the workspace decide
 * whether they land (all or nothing), and deterministic gates decide whether they pass. Failed gates go back
 * to the model for fix rounds; when the rounds run out the step may escalate to the next lane; then it fails.
 *
 * <p>The conversation is ordered stable-prefix-first: the system prompt, then one message holding the plan
 * and the files (marked as the cache breakpoint), then each round's answer and feedback. Every fix round
 * resends the same prefix byte for byte (one fence nonce per step), so the provider's prompt cache serves it
 * and the report can show the cached share of fix-round input.
 *
 * <p>{@link RoundLoop} runs the rounds and keeps their state; {@link ImplementPrompt} writes every text the model
 * reads, the feedback between rounds included; this class sets them up and turns their outcome into the result.
 */
public final class Implementer {

    static final String STEP = "implement";

    /** What happens to the workspace when the step fails. */
    public enum OnFailure implements Choice {
        /** Leave the last change set applied, for a human to inspect. */
        KEEP("keep the last change for inspection"),
        /** Put every file back byte for byte. */
        REVERT("revert every file");

        private final String label;

        OnFailure(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        /**
         * The choice written {@code text}.
         *
         * @param parameter the parameter's name where the text came from, for the message
         */
        public static OnFailure of(String text, String parameter) {
            return Choice.parse(OnFailure.class, text, parameter);
        }
    }

    /**
     * What to implement.
     *
     * @param plan the plan (its files are what the change may touch)
     * @param planSha256 the plan's hash, quoted to the model and in the audit
     * @param gates the step's own gates
     * @param usePlanGates also run the plan's suggested gates that {@code gatePolicy} allows
     * @param gatePolicy which plan-suggested commands may run
     * @param maxRounds rounds per lane (the first round counts)
     * @param escalate whether to go on in the lane's escalation lane when the rounds run out
     * @param lane the lane to start in
     * @param policy the edit policy (the plan's files, protection, limits)
     * @param format the edit format asked of the model
     * @param onFailure what to leave in the workspace when the step fails
     * @param maxOutputTokens output cap per call
     * @param floorOutputTokens the fewest output tokens worth a call (the budget may lower the cap to this)
     * @param feedbackTokens bound on the gate output sent back per round
     * @param maxContextTokens bound on the files sent with the plan
     */
    public record Request(Plan plan, String planSha256, List<Gate> gates, boolean usePlanGates, GatePolicy gatePolicy,
            int maxRounds, boolean escalate, String lane, EditPolicy policy, EditFormat format, OnFailure onFailure,
            int maxOutputTokens, int floorOutputTokens, int feedbackTokens, int maxContextTokens) {

        /** The output cap per call when a step or option does not set one. */
        public static final int DEFAULT_MAX_OUTPUT_TOKENS = 16_000;
        /** Rounds per lane when a step or option does not set them. */
        public static final int DEFAULT_MAX_ROUNDS = 2;

        public Request {
            gates = gates == null ? List.of() : List.copyOf(gates);
            gatePolicy = gatePolicy == null ? new GatePolicy(List.of()) : gatePolicy;
            lane = lane == null ? Lane.EXECUTION : lane;
            format = format == null ? EditFormat.SEARCH_REPLACE : format;
            onFailure = onFailure == null ? OnFailure.KEEP : onFailure;
            if (maxRounds < 1) {
                throw new IllegalArgumentException("maxRounds must be at least 1, was " + maxRounds);
            }
        }

        /** Defaults for a plan: its files only, default protection and limits, search/replace, two rounds. */
        public static Request of(Plan plan, String planSha256, List<Gate> gates) {
            return new Request(plan, planSha256, gates, false, null, DEFAULT_MAX_ROUNDS, false, Lane.EXECUTION,
                    EditPolicy.forPlan(plan.paths()), EditFormat.SEARCH_REPLACE, OnFailure.KEEP,
                    DEFAULT_MAX_OUTPUT_TOKENS, floorOutputTokens(DEFAULT_MAX_OUTPUT_TOKENS), 2_000, 60_000);
        }

        /** The fewest output tokens worth an implement call under a cap of {@code maxOutputTokens}. */
        public static int floorOutputTokens(int maxOutputTokens) {
            return Math.min(2_000, maxOutputTokens);
        }

        public Request withRounds(int rounds, boolean escalateWhenOut) {
            return new Request(plan, planSha256, gates, usePlanGates, gatePolicy, rounds, escalateWhenOut, lane, policy,
                    format, onFailure, maxOutputTokens, floorOutputTokens, feedbackTokens, maxContextTokens);
        }

        public Request withPlanGates(boolean use, GatePolicy allowed) {
            return new Request(plan, planSha256, gates, use, allowed, maxRounds, escalate, lane, policy, format,
                    onFailure, maxOutputTokens, floorOutputTokens, feedbackTokens, maxContextTokens);
        }

        public Request withPolicy(EditPolicy editPolicy) {
            return new Request(plan, planSha256, gates, usePlanGates, gatePolicy, maxRounds, escalate, lane, editPolicy,
                    format, onFailure, maxOutputTokens, floorOutputTokens, feedbackTokens, maxContextTokens);
        }

        public Request withOnFailure(OnFailure failure) {
            return new Request(plan, planSha256, gates, usePlanGates, gatePolicy, maxRounds, escalate, lane, policy,
                    format, failure, maxOutputTokens, floorOutputTokens, feedbackTokens, maxContextTokens);
        }

        public Request withFormat(EditFormat editFormat) {
            return new Request(plan, planSha256, gates, usePlanGates, gatePolicy, maxRounds, escalate, lane, policy,
                    editFormat, onFailure, maxOutputTokens, floorOutputTokens, feedbackTokens, maxContextTokens);
        }

        public Request withLane(String startLane) {
            return new Request(plan, planSha256, gates, usePlanGates, gatePolicy, maxRounds, escalate, startLane,
                    policy, format, onFailure, maxOutputTokens, floorOutputTokens, feedbackTokens, maxContextTokens);
        }

        /** The output cap per call, with the floor that goes with it. */
        public Request withOutputTokens(int max) {
            return withOutputTokens(max, floorOutputTokens(max));
        }

        public Request withOutputTokens(int max, int floor) {
            return new Request(plan, planSha256, gates, usePlanGates, gatePolicy, maxRounds, escalate, lane, policy,
                    format, onFailure, max, floor, feedbackTokens, maxContextTokens);
        }
    }

    /** How a round ended. */
    public enum RoundOutcome {
        /** Edits applied and every gate passed. */
        PASSED,
        /** Edits applied, a gate failed. */
        GATES_FAILED,
        /** The edits did not parse or fit the files, even after the one retry; nothing written. */
        EDITS_INVALID,
        /** The edit policy rejected the change set; nothing written. */
        EDITS_REJECTED
    }

    /**
     * One round.
     *
     * @param number 1-based, counted across lanes
     * @param lane the lane that answered
     * @param model the model that answered
     * @param outcome how it ended
     * @param files the files the round's change set changed
     * @param gates gate results (empty when nothing was applied)
     * @param problems why edits were invalid or rejected
     */
    public record Round(int number, String lane, String model, RoundOutcome outcome, List<String> files,
            List<GateResult> gates, List<String> problems) {

        public Round {
            files = List.copyOf(files);
            gates = List.copyOf(gates);
            problems = List.copyOf(problems);
        }
    }

    /**
     * What the step did.
     *
     * @param passed every gate passed on the last round
     * @param rounds every round in order
     * @param escalated whether a round ran in the escalation lane
     * @param lane the last lane used
     * @param model the last model that answered, or null when none did
     * @param family that model's family, for the reviewer's diversity rule, or null
     * @param filesChanged files that differ from before the step (whatever the workspace holds at the end)
     * @param patch the unified diff from before the step to the last change set (written even when reverted)
     * @param linesAdded lines the patch adds
     * @param linesRemoved lines the patch removes
     * @param reverted whether the workspace was put back because the step failed
     * @param failure why the step failed, or null
     * @param patchFile {@code changes.patch}
     * @param gatesXml {@code gates.xml}
     * @param costUsd what the step's calls cost
     */
    public record Result(boolean passed, List<Round> rounds, boolean escalated, String lane, String model,
            String family, List<String> filesChanged, String patch, int linesAdded, int linesRemoved, boolean reverted,
            String failure, Path patchFile,
            Path gatesXml, BigDecimal costUsd) {

        public Result {
            rounds = List.copyOf(rounds);
            filesChanged = List.copyOf(filesChanged);
        }

    }

    private final AiRun run;
    private final Redactor redactor;
    private final Workspace workspace;
    private final GateExecutor gates;

    public Implementer(AiRun run, Redactor redactor, Workspace workspace, GateExecutor gates) {
        this.run = run;
        this.redactor = redactor;
        this.workspace = workspace;
        this.gates = gates;
    }

    public Result implement(Request request, Path outDir, CallListener text, Cancellation cancellation) throws IOException {
        for (Plan.FileChange file : request.plan().files()) {
            // The plan is model output too: a file it names that no change may touch is a red flag worth keeping.
            request.policy().neverEditable(file.path()).ifPresent(why -> run.recordEvent(STEP, request.lane(),
                    "PLAN_PATH_REFUSED", "the plan names " + file.path() + " (" + file.action() + "), which no change may"
                            + " touch: " + why, Map.of()));
        }
        List<Gate> gateList = gatesFor(request);
        if (gateList.isEmpty()) {
            run.options().console().line("[ai-lanes] implement: no gates: a change passes when its edits apply");
        }
        ImplementPrompt prompt = new ImplementPrompt(new PromptFence(redactor), request);
        RoundLoop loop = new RoundLoop(run, workspace, gates, request, prompt, gateList, text, cancellation);
        try {
            loop.run();
        } finally {
            Files.createDirectories(outDir);
            GatesXml.write(loop.gateRounds(), outDir.resolve("gates.xml"));
        }
        FileSnapshot before = loop.before();
        FileSnapshot.Diff diff = before.diffTo(workspace.snapshot(before.files().keySet()));
        Files.writeString(outDir.resolve(AppliedChanges.PATCH_FILE), diff.patch());
        List<String> changed = diff.files();
        boolean passed = loop.passed();
        boolean reverted = false;
        if (!passed && request.onFailure() == OnFailure.REVERT && !changed.isEmpty()) {
            workspace.restore(before);
            reverted = true;
            run.options().console().line("[ai-lanes] implement: reverted " + changed.size() + " file(s) to their state before the step");
        }
        String failure = loop.failure();
        if (!passed && failure != null && !loop.rounds().isEmpty()) {
            failure = failure + lastGateSummary(loop.rounds());
        }
        return new Result(passed, loop.rounds(), loop.escalated(), loop.lane(), loop.model(), loop.family(),
                reverted ? List.of() : changed, diff.patch(), diff.linesAdded(), diff.linesRemoved(), reverted,
                passed ? null : failure, outDir.resolve(AppliedChanges.PATCH_FILE), outDir.resolve("gates.xml"),
                loop.cost());
    }

    /** The step's gates, then the plan's suggestions the policy allows; refused suggestions are audited. */
    private List<Gate> gatesFor(Request request) {
        List<Gate> list = new ArrayList<>(request.gates());
        if (!request.usePlanGates()) {
            return list;
        }
        Set<String> names = new LinkedHashSet<>();
        list.forEach(g -> names.add(g.name()));
        for (Plan.SuggestedGate suggested : request.plan().gates()) {
            Optional<String> refusal = request.gatePolicy().refusal(suggested.command());
            if (refusal.isPresent()) {
                run.recordEvent(STEP, request.lane(), "GATE_REFUSED", "plan gate '" + suggested.name() + "' ("
                        + suggested.command() + ") will not run: " + refusal.get(), Map.of());
                continue;
            }
            String name = names.add(suggested.name()) ? suggested.name() : "plan-" + suggested.name();
            names.add(name);
            list.add(new Gate(name, suggested.command(), null, null));
        }
        return list;
    }

    private static String lastGateSummary(List<Round> rounds) {
        Round last = rounds.get(rounds.size() - 1);
        if (!last.problems().isEmpty()) {
            return "; last round: " + last.outcome() + ": " + String.join("; ", last.problems());
        }
        long failed = last.gates().stream().filter(r -> !r.passed()).count();
        // The same summary the model got, about 500 tokens a failed gate.
        return failed == 0 ? "" : "\n" + GateFeedback.of(last.gates(), (int) (500 * failed));
    }
}
