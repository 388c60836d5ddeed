package io.ailanes.engine.workflow;

import io.ailanes.engine.edit.RecordingWorkspace;
import io.ailanes.engine.edit.Workspace;
import io.ailanes.engine.gate.GateExecutor;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.review.Reviewer;
import io.ailanes.engine.riskpolicy.Approvals;
import io.ailanes.engine.riskpolicy.HeldChange;
import io.ailanes.engine.riskpolicy.RiskDecision;
import io.ailanes.engine.riskpolicy.RiskPolicy;
import io.ailanes.engine.run.AiRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole change: plan (reasoning lane), implement with gates and fix rounds (execution lane, escalating when
 * allowed), review by another family (review lane), reports. The CLI's {@code run} and {@code demo} use it;
 * Jenkins composes the same steps in the {@code aiChange} shared step.
 */
public final class ChangeWorkflow {

    /**
     * How the change went. Later parts are null when an earlier one stopped the run.
     *
     * @param failure why the run failed (gates, review), or null when it passed
     * @param held the change its risk class holds for approval (the workspace is as before the run), or null
     */
    public record Outcome(Planner.Result plan, Implementer.Result implement, Reviewer.Result review, CostReport report,
            String failure, HeldChange held) {

        public Outcome(Planner.Result plan, Implementer.Result implement, Reviewer.Result review, CostReport report,
                String failure) {
            this(plan, implement, review, report, failure, null);
        }

        public boolean passed() {
            return failure == null;
        }
    }

    private final AiRun run;
    private final Redactor redactor;
    private final Workspace workspace;
    private final GateExecutor gates;
    private final RiskPolicy risk;

    public ChangeWorkflow(AiRun run, Redactor redactor, Workspace workspace, GateExecutor gates) {
        this(run, redactor, workspace, gates, null);
    }

    /** @param risk the run's risk class policy, or null for none (no decisions, nothing held) */
    public ChangeWorkflow(AiRun run, Redactor redactor, Workspace workspace, GateExecutor gates, RiskPolicy risk) {
        this.run = run;
        this.redactor = redactor;
        this.workspace = workspace;
        this.gates = gates;
        this.risk = risk;
    }

    /**
     * Runs the change. Reports are written whatever happens, also when a budget or provider error ends the run.
     *
     * @param planRequest what to plan (task, context, caps)
     * @param implementRequest the implement step's settings for the plan the first step writes
     * @param review whether to review; {@code failOn} says which findings fail the run
     * @param diffAgainstBase the review's diff from a base ref, given the implement result, or null to review the
     *        step's own patch (the snapshot taken before implement)
     */
    public Outcome run(Planner.Request planRequest, Function<Planner.Result, Implementer.Request> implementRequest,
            boolean review, FailOn failOn, int reviewOutputTokens, Function<Implementer.Result, String> diffAgainstBase,
            Path outDir, CallListener text, Cancellation cancellation, String title) throws IOException {
        Planner.Result plan = null;
        Implementer.Result implemented = null;
        Reviewer.Result reviewed = null;
        HeldChange held = null;
        String failure = null;
        CostReport report;
        try {
            plan = plan(planRequest, outDir, text, cancellation);
            Implementer.Request request = implementRequest.apply(plan);
            RecordingWorkspace recording = new RecordingWorkspace(workspace);
            if (risk != null) {
                RiskPolicy.ImplementChoice choice = risk.implement(request.lane(), request.policy(), run);
                risk.record(run, choice.lane(), choice.decisions());
                request = request.withLane(choice.lane()).withPolicy(choice.policy());
            }
            implemented = new Implementer(run, redactor, recording, gates).implement(request, outDir, text, cancellation);
            if (risk != null) {
                held = Approvals.hold(run, risk, recording, implemented, outDir).orElse(null);
            }
            boolean toReview = review;
            FailOn threshold = failOn;
            String reviewLane = null;
            if (risk != null && implemented.passed()) {
                RiskPolicy.ReviewChoice choice = risk.review(io.ailanes.engine.lane.Lane.REVIEW, failOn, review,
                        implemented.filesChanged());
                risk.record(run, choice.lane(), choice.decisions());
                toReview = choice.run();
                threshold = choice.failOn();
                reviewLane = choice.lane();
            }
            if (!implemented.passed()) {
                failure = "implement: " + implemented.failure();
            } else if (toReview) {
                // A held change is no longer in the workspace: a diff against the base would miss it.
                String diff = diffAgainstBase == null || held != null ? null : diffAgainstBase.apply(implemented);
                reviewed = new Reviewer(run, redactor).review(new Reviewer.Request(plan.plan(), plan.sha256(),
                        diff != null ? diff : implemented.patch(), reviewLane, implemented.family(), threshold,
                        reviewOutputTokens), outDir, text, cancellation);
                if (reviewed.failed()) {
                    failure = "review: findings at or above '" + threshold.id()
                            + "' (" + reviewed.review().verdict() + ")";
                }
            }
        } finally {
            report = run.writeReports(title);
        }
        return new Outcome(plan, implemented, reviewed, report, failure, held);
    }

    /** The plan, on the lane the risk class chooses; made again on the premium lane when it names sensitive files. */
    private Planner.Result plan(Planner.Request request, Path outDir, CallListener text, Cancellation cancellation)
            throws IOException {
        if (risk == null) {
            return new Planner(run, redactor).plan(request, outDir, text, cancellation);
        }
        RiskPolicy.LaneChoice choice = risk.plan(request.lane(), request.contextGlobs());
        risk.record(run, choice.lane(), choice.decisions());
        Planner.Request asked = withLane(request, choice.lane());
        Planner.Result plan = new Planner(run, redactor).plan(asked, outDir, text, cancellation);
        List<String> seen = new ArrayList<>(new LinkedHashSet<>(plan.plan().paths()));
        seen.addAll(plan.contextFiles());
        Optional<RiskDecision> again = risk.replan(choice.lane(), seen);
        if (again.isEmpty()) {
            return plan;
        }
        risk.record(run, io.ailanes.engine.riskpolicy.RiskBundle.PREMIUM_LANE, List.of(again.get()));
        return new Planner(run, redactor).plan(withLane(request, io.ailanes.engine.riskpolicy.RiskBundle.PREMIUM_LANE),
                outDir, text, cancellation);
    }

    private static Planner.Request withLane(Planner.Request r, String lane) {
        return new Planner.Request(r.task(), r.workspace(), r.contextGlobs(), r.maxContextTokens(), lane,
                r.maxOutputTokens(), r.floorOutputTokens());
    }
}
