package io.ailanes.jenkins.action;

import hudson.model.Run;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.steps.CountedNoun;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerProxy;

/**
 * AI Lanes on a build: its cost, budget use, saving against the all-premium counterfactual, the gate and review
 * verdicts, each step's outcome, and the events of the build's budget reservations (the build's own ledger). Saved
 * with the build, so all of it survives a restart; the job's cost trend and month spend are read from these.
 *
 * <p>What the build recorded is one immutable {@link BuildRecord}. Steps, parallel branches among them, change it
 * under this action's lock, each change putting a new record in place of the old in one volatile write; readers
 * (the pages, the job's trend, a save of the build) take the current record without locking and see a whole state.
 * Requests under the action's URL go to a {@link BuildDetails} made from one record, as warnings-ng's
 * {@code ResultAction} hands them to its details object; the build page's summary ({@code summary.jelly}) stays here.
 */
public final class AiLanesRunAction implements RunAction2, StaplerProxy {

    /** Where the build's AI Lanes files live on the controller, under the build directory. */
    public static final String DIR = "ai-lanes";

    static {
        // The rows were nested classes of this action before they had files of their own: build.xml of those builds
        // names them so. Registered as this class loads, which XStream does before it reads the rows inside it.
        for (Class<?> row : List.of(BudgetRow.class, StepRow.class, ImplementRow.class, ReviewRow.class)) {
            Run.XSTREAM2.addCompatibilityAlias(AiLanesRunAction.class.getName() + "$" + row.getSimpleName(), row);
        }
    }

    private transient Run<?, ?> run;
    private volatile BuildRecord record = BuildRecord.EMPTY;

    // Builds recorded before the record kept these fields on the action itself. Jenkins' XStream reads transient
    // fields but never writes them: readResolve moves an old build's values into its record once, on load.
    @Deprecated private transient int stepCount;
    @Deprecated private transient String costUsd;
    @Deprecated private transient long calls;
    @Deprecated private transient String premiumModel;
    @Deprecated private transient String premiumUsd;
    @Deprecated private transient String savingUsd;
    @Deprecated private transient String savingPercent;
    @Deprecated private transient List<BudgetRow> budgets;
    @Deprecated private transient List<StepRow> steps;
    @Deprecated private transient ImplementRow implement;
    @Deprecated private transient ReviewRow review;
    @Deprecated private transient String planSummary;
    @Deprecated private transient List<String> ledgerEvents;
    @Deprecated private transient List<String> sensitiveChanges;
    @Deprecated private transient List<String> dataRegions;
    @Deprecated private transient String allowedRegions;
    @Deprecated private transient String riskClass;
    @Deprecated private transient List<String> riskDecisions;

    /** The build's action, added on first use. */
    public static AiLanesRunAction of(Run<?, ?> run) {
        synchronized (AiLanesRunAction.class) {
            AiLanesRunAction action = run.getAction(AiLanesRunAction.class);
            if (action == null) {
                action = new AiLanesRunAction();
                run.addAction(action);
            }
            return action;
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @SuppressWarnings("deprecation")
    private Object readResolve() {
        if (record == null) {
            record = new BuildRecord(stepCount, steps, planSummary, implement, review, ledgerEvents,
                    new ReportSummary(costUsd, calls, premiumModel, premiumUsd, savingUsd, savingPercent, budgets,
                            dataRegions, allowedRegions, sensitiveChanges, riskClass, riskDecisions));
        }
        return this;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "AI Lanes";
    }

    @Override
    public String getUrlName() {
        return "ai-lanes";
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** The details page and the report, over the record as it is now. */
    @Override
    public BuildDetails getTarget() {
        return new BuildDetails(run, record);
    }

    /** What the build recorded, as it is now: read it once where several values must agree. */
    public BuildRecord getRecord() {
        return record;
    }

    // --- updates from the steps ---

    /**
     * Applies {@code change} to the record, one change at a time; several rows a step records together change the
     * record at once. Returns the new record.
     */
    public synchronized BuildRecord change(UnaryOperator<BuildRecord> change) {
        BuildRecord changed = change.apply(record);
        record = changed;
        return changed;
    }

    /** Numbers the build's steps (1, 2, ...), which names each step's budget scope. */
    public int nextStep() {
        return change(BuildRecord::withNextStep).getStepCount();
    }

    /** One event of the build's ledger, as the engine's journal writes it. */
    public void addLedgerEvent(String line) {
        change(r -> r.withLedgerEvent(line));
    }

    /** The build's cost, counterfactual and budget lines, from the report just written. */
    public void update(CostReport report) {
        change(r -> r.withReport(ReportSummary.of(report, r.getReport())));
    }

    public void addStep(StepRow row) {
        change(r -> r.withStep(row));
    }

    // --- what the build recorded, each from the current record ---

    public String getCostUsd() {
        return record.getReport().getCostUsd();
    }

    /** The cost as a decimal, for the job's trend. */
    public BigDecimal cost() {
        return record.getReport().cost();
    }

    public String getCostText() {
        return record.getReport().getCostText();
    }

    public long getCalls() {
        return record.getReport().getCalls();
    }

    /** {@code $0.0203 for 4 calls}. */
    public String getCostLine() {
        return record.getReport().getCostLine();
    }

    public String getSavingText() {
        return record.getReport().getSavingText();
    }

    public List<BudgetRow> getBudgets() {
        return record.getReport().getBudgets();
    }

    /** Changes to sensitive build files the policy allowed, each as "step: what". */
    public List<String> getSensitiveChanges() {
        return record.getReport().getSensitiveChanges();
    }

    /** The risk class the build's steps ran under, or null. */
    public String getRiskClass() {
        return record.getReport().getRiskClass();
    }

    /** What the risk class decided, each as "step: what: why" (the class itself left out: it is shown once). */
    public List<String> getRiskDecisions() {
        return record.getReport().getRiskDecisions();
    }

    public List<StepRow> getSteps() {
        return record.getSteps();
    }

    public ImplementRow getImplement() {
        return record.getImplement();
    }

    public ReviewRow getReview() {
        return record.getReview();
    }

    public List<String> getLedgerEvents() {
        return record.getLedgerEvents();
    }

    /** Whether the build's report.html is there to serve. */
    public boolean isReportAvailable() {
        return getTarget().isReportAvailable();
    }

    /** {@code 1 call}, {@code 2 calls}: the pages' counted nouns, as the engine's step summaries count. */
    static String count(long n, String noun) {
        return CountedNoun.of(n, noun);
    }

    /** The engine's words as a sentence on a page: a capital first letter and a full stop. */
    static String sentence(String words) {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".";
    }
}
