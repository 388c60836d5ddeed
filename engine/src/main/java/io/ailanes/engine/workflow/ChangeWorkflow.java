package io.ailanes.engine.workflow;

import io.ailanes.engine.edit.Workspace;
import io.ailanes.engine.gate.GateExecutor;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.review.Review;
import io.ailanes.engine.review.Reviewer;
import io.ailanes.engine.run.AiRun;
import java.io.IOException;
import java.nio.file.Path;
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
     */
    public record Outcome(Planner.Result plan, Implementer.Result implement, Reviewer.Result review, CostReport report,
            String failure) {

        public boolean passed() {
            return failure == null;
        }
    }

    private final AiRun run;
    private final Redactor redactor;
    private final Workspace workspace;
    private final GateExecutor gates;

    public ChangeWorkflow(AiRun run, Redactor redactor, Workspace workspace, GateExecutor gates) {
        this.run = run;
        this.redactor = redactor;
        this.workspace = workspace;
        this.gates = gates;
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
            boolean review, Review.FailOn failOn, int reviewOutputTokens, Function<Implementer.Result, String> diffAgainstBase,
            Path outDir, CallListener text, Cancellation cancellation, String title) throws IOException {
        Planner.Result plan = null;
        Implementer.Result implemented = null;
        Reviewer.Result reviewed = null;
        String failure = null;
        CostReport report;
        try {
            plan = new Planner(run, redactor).plan(planRequest, outDir, text, cancellation);
            implemented = new Implementer(run, redactor, workspace, gates)
                    .implement(implementRequest.apply(plan), outDir, text, cancellation);
            if (!implemented.passed()) {
                failure = "implement: " + implemented.failure();
            } else if (review) {
                String diff = diffAgainstBase == null ? null : diffAgainstBase.apply(implemented);
                reviewed = new Reviewer(run, redactor).review(new Reviewer.Request(plan.plan(), plan.sha256(),
                        diff != null ? diff : implemented.patch(), null, implemented.family(), failOn,
                        reviewOutputTokens), outDir, text, cancellation);
                if (reviewed.failed()) {
                    failure = "review: findings at or above '" + failOn.name().toLowerCase(java.util.Locale.ROOT)
                            + "' (" + reviewed.review().verdict() + ")";
                }
            }
        } finally {
            report = run.writeReports(title);
        }
        return new Outcome(plan, implemented, reviewed, report, failure);
    }
}
