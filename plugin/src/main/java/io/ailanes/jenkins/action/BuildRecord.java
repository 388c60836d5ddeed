package io.ailanes.jenkins.action;

import static io.ailanes.jenkins.action.ReportSummary.copy;

import java.util.Collections;
import java.util.List;

/**
 * Everything AI Lanes recorded on one build at one moment: how many steps were numbered, each step's row, the last
 * plan summary, implement and review verdicts, the events of the build's budget reservations, and the latest
 * report's figures. Immutable: each change makes a new value, which {@link AiLanesRunAction} puts in place of the old
 * one in one write, so a page or a save reads a whole state, never half of an update.
 *
 * <p>A class with final fields rather than a record: it is saved with the build, and Jenkins' XStream cannot set the
 * fields of a record when it reads build.xml back.
 */
public final class BuildRecord {

    /** A build no step has recorded anything on yet. */
    static final BuildRecord EMPTY = new BuildRecord(0, List.of(), null, null, null, List.of(), ReportSummary.NONE);

    private final int stepCount;
    private final List<StepRow> steps;
    private final String planSummary;
    private final ImplementRow implement;
    private final ReviewRow review;
    /** As the engine's journal writes them, one JSON line each. */
    private final List<String> ledgerEvents;
    private final ReportSummary report;

    BuildRecord(int stepCount, List<StepRow> steps, String planSummary, ImplementRow implement, ReviewRow review,
            List<String> ledgerEvents, ReportSummary report) {
        this.stepCount = stepCount;
        this.steps = copy(steps);
        this.planSummary = planSummary;
        this.implement = implement;
        this.review = review;
        this.ledgerEvents = copy(ledgerEvents);
        this.report = report == null ? ReportSummary.NONE : report;
    }

    /** Read back from build.xml: a list or the report absent is empty rather than null. */
    private Object readResolve() {
        return new BuildRecord(stepCount, steps, planSummary, implement, review, ledgerEvents, report);
    }

    // --- the changes, each a new value ---

    /** With one more step numbered. */
    public BuildRecord withNextStep() {
        return new BuildRecord(stepCount + 1, steps, planSummary, implement, review, ledgerEvents, report);
    }

    /** With {@code row} after the steps already recorded. */
    public BuildRecord withStep(StepRow row) {
        return new BuildRecord(stepCount, append(steps, row), planSummary, implement, review, ledgerEvents, report);
    }

    public BuildRecord withPlanSummary(String summary) {
        return new BuildRecord(stepCount, steps, summary, implement, review, ledgerEvents, report);
    }

    public BuildRecord withImplement(ImplementRow row) {
        return new BuildRecord(stepCount, steps, planSummary, row, review, ledgerEvents, report);
    }

    public BuildRecord withReview(ReviewRow row) {
        return new BuildRecord(stepCount, steps, planSummary, implement, row, ledgerEvents, report);
    }

    /** With one more event of the build's ledger. */
    public BuildRecord withLedgerEvent(String line) {
        return new BuildRecord(stepCount, steps, planSummary, implement, review, append(ledgerEvents, line), report);
    }

    public BuildRecord withReport(ReportSummary summary) {
        return new BuildRecord(stepCount, steps, planSummary, implement, review, ledgerEvents, summary);
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> longer = copy(list);
        longer.add(item);
        return longer;
    }

    // --- what the pages show ---

    /** How many steps have been numbered (1, 2, ...): each step's number names its budget scope. */
    public int getStepCount() {
        return stepCount;
    }

    public List<StepRow> getSteps() {
        return Collections.unmodifiableList(steps);
    }

    public String getPlanSummary() {
        return planSummary;
    }

    /** The last implement step's gate verdict, or null. */
    public ImplementRow getImplement() {
        return implement;
    }

    /** The last review's verdict, or null. */
    public ReviewRow getReview() {
        return review;
    }

    public List<String> getLedgerEvents() {
        return Collections.unmodifiableList(ledgerEvents);
    }

    /** {@code 8 budget events}. */
    public String getLedgerEventsText() {
        return AiLanesRunAction.count(ledgerEvents.size(), "budget event");
    }

    /** The latest report's figures: cost, counterfactual, budgets, data regions, policy and risk. */
    public ReportSummary getReport() {
        return report;
    }
}
