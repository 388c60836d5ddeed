package io.ailanes.jenkins.action;

import hudson.Functions;
import hudson.model.Item;
import hudson.model.Run;
import io.ailanes.engine.budget.Usd;
import io.ailanes.engine.report.BudgetSummary;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.report.CounterfactualResult;
import io.ailanes.engine.report.DataResidency;
import io.ailanes.engine.report.PolicyEvent;
import io.ailanes.engine.review.Review;
import io.ailanes.engine.steps.StepValues;
import jakarta.servlet.ServletException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * AI Lanes on a build: its cost, budget use, saving against the all-premium counterfactual, the gate and review
 * verdicts, each step's outcome, and the events of the build's budget reservations (the build's own ledger). Saved
 * with the build, so all of it survives a restart; the job's cost trend and month spend are read from these.
 *
 * <p>Model output (plan summary, review summary, gate failures) is shown only through escaped Jelly expressions.
 */
public final class AiLanesRunAction implements RunAction2 {

    /** Where the build's AI Lanes files live on the controller, under the build directory. */
    public static final String DIR = "ai-lanes";

    private transient Run<?, ?> run;
    private int stepCount;
    private String costUsd = "0";
    private long calls;
    private String premiumModel;
    private String premiumUsd;
    private String savingUsd;
    private String savingPercent;
    private List<BudgetRow> budgets = new ArrayList<>();
    /** Copy-on-write: the build is saved while parallel steps may still add to these. */
    private List<StepRow> steps = new CopyOnWriteArrayList<>();
    private ImplementRow implement;
    private ReviewRow review;
    private String planSummary;
    private List<String> ledgerEvents = new CopyOnWriteArrayList<>();
    /** Changes to sensitive build files the policy allowed, from the report's events: shown on the build page. */
    private List<String> sensitiveChanges = new ArrayList<>();
    /** Where the build's prompts went, one line per provider; null in builds recorded before regions were shown. */
    private List<String> dataRegions = new ArrayList<>();
    private String allowedRegions;
    /** The risk class the build's steps ran under, and what it decided, from the report. */
    private String riskClass;
    private List<String> riskDecisions = new ArrayList<>();

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

    private synchronized Object readResolve() {
        budgets = budgets == null ? new ArrayList<>() : budgets;
        steps = steps == null ? new CopyOnWriteArrayList<>() : new CopyOnWriteArrayList<>(steps);
        ledgerEvents = ledgerEvents == null ? new CopyOnWriteArrayList<>() : new CopyOnWriteArrayList<>(ledgerEvents);
        sensitiveChanges = sensitiveChanges == null ? new ArrayList<>() : sensitiveChanges;
        riskDecisions = riskDecisions == null ? new ArrayList<>() : riskDecisions;
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

    // --- updates from the steps ---

    /** Numbers the build's steps (1, 2, ...), which names each step's budget scope. */
    public synchronized int nextStep() {
        return ++stepCount;
    }

    /** One event of the build's ledger, as the engine's journal writes it. */
    public synchronized void addLedgerEvent(String line) {
        ledgerEvents.add(line);
    }

    /** The build's cost, counterfactual and budget lines, from the report just written. */
    public synchronized void update(CostReport report) {
        costUsd = StepValues.usd(report.totals().costUsd());
        calls = report.totals().calls();
        CounterfactualResult counterfactual = report.counterfactual();
        if (counterfactual != null) {
            premiumModel = counterfactual.premiumModel();
            premiumUsd = StepValues.usd(counterfactual.premiumUsd());
            savingUsd = StepValues.usd(counterfactual.savingUsd());
            savingPercent = counterfactual.savingPercent() == null ? null : counterfactual.savingPercent().toPlainString();
        }
        List<BudgetRow> rows = new ArrayList<>();
        for (BudgetSummary summary : report.budgets()) {
            rows.add(new BudgetRow(summary.line().scope(), summary.line().kind(), StepValues.usd(summary.line().capUsd()),
                    StepValues.usd(summary.line().spentUsd()),
                    summary.percentUsed() == null ? null : summary.percentUsed().toPlainString(), summary.overrun()));
        }
        budgets = rows;
        DataResidency residency = report.residency();
        allowedRegions = residency.allowedRegions() == null ? null : String.join(", ", residency.allowedRegions());
        List<String> regionLines = new ArrayList<>();
        for (DataResidency.ProviderUse p : residency.providers()) {
            regionLines.add(p.provider() + " in " + (p.regions().isEmpty() ? "an unknown region" : String.join(", ", p.regions()))
                    + " (" + p.basis() + "): " + p.calls() + (p.calls() == 1 ? " call, " : " calls, ")
                    + p.inputTokens() + " input and " + p.outputTokens() + " output tokens"
                    + (p.refused() > 0 ? "; skipped " + p.refused() + "\u00d7 by policy.allowedRegions" : ""));
        }
        dataRegions = regionLines;
        sensitiveChanges = report.events().stream().filter(PolicyEvent::allowed)
                .map(e -> e.step() + ": " + e.message()).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        riskClass = report.riskClass();
        riskDecisions = report.riskDecisions().stream().filter(e -> !PolicyEvent.RISK_CLASS.equals(e.kind()))
                .map(e -> e.step() + ": " + e.message()).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /** The risk class the build's steps ran under, or null. */
    public synchronized String getRiskClass() {
        return riskClass;
    }

    /** What the risk class decided, each as "step: what: why" (the class itself left out: it is shown once). */
    public synchronized List<String> getRiskDecisions() {
        return List.copyOf(riskDecisions);
    }

    public synchronized void addStep(StepRow row) {
        steps.add(row);
    }

    public synchronized void setPlanSummary(String planSummary) {
        this.planSummary = planSummary;
    }

    public synchronized void setImplement(ImplementRow implement) {
        this.implement = implement;
    }

    public synchronized void setReview(ReviewRow review) {
        this.review = review;
    }

    // --- what the pages show ---

    public synchronized String getCostUsd() {
        return costUsd;
    }

    /** The cost as a decimal, for the job's trend. */
    public synchronized BigDecimal cost() {
        return new BigDecimal(costUsd);
    }

    public synchronized String getCostText() {
        return Usd.readable(new BigDecimal(costUsd));
    }

    public synchronized long getCalls() {
        return calls;
    }

    /** {@code $0.0203 for 4 calls}. */
    public synchronized String getCostLine() {
        return getCostText() + " for " + count(calls, "call");
    }

    public synchronized String getPremiumModel() {
        return premiumModel;
    }

    public synchronized String getPremiumText() {
        return premiumUsd == null ? null : Usd.readable(new BigDecimal(premiumUsd));
    }

    public synchronized String getSavingUsd() {
        return savingUsd;
    }

    public synchronized String getSavingText() {
        return savingUsd == null ? null : Usd.readable(new BigDecimal(savingUsd))
                + (savingPercent == null ? "" : " (" + savingPercent + "%)");
    }

    public synchronized List<BudgetRow> getBudgets() {
        return Collections.unmodifiableList(new ArrayList<>(budgets));
    }

    public synchronized List<StepRow> getSteps() {
        return Collections.unmodifiableList(new ArrayList<>(steps));
    }

    public synchronized ImplementRow getImplement() {
        return implement;
    }

    public synchronized ReviewRow getReview() {
        return review;
    }

    public synchronized String getPlanSummary() {
        return planSummary;
    }

    /** Where the build's prompts and completions went: "provider in region (basis): calls, tokens", one per provider. */
    public synchronized List<String> getDataRegions() {
        return dataRegions == null ? List.of() : List.copyOf(dataRegions);
    }

    /** {@code policy.allowedRegions} of the build, comma-separated, or null when none was set. */
    public synchronized String getAllowedRegions() {
        return allowedRegions;
    }

    /** Changes to sensitive build files the policy allowed, each as "step: what". */
    public synchronized List<String> getSensitiveChanges() {
        return List.copyOf(sensitiveChanges);
    }

    /** {@code 8 budget events}. */
    public synchronized String getLedgerEventsText() {
        return count(ledgerEvents.size(), "budget event");
    }

    public synchronized List<String> getLedgerEvents() {
        return Collections.unmodifiableList(new ArrayList<>(ledgerEvents));
    }

    public boolean isReportAvailable() {
        return run != null && reportFile().isFile();
    }

    private File reportFile() {
        return new File(new File(run.getRootDir(), DIR), "report.html");
    }

    /**
     * The build's report.html, served under a policy that lets its inline styles and SVG render but runs no script
     * and loads nothing (the report is self-contained, and holds model-produced text, escaped by the engine). The
     * archived copy is served by Jenkins under its stricter artifact policy, which drops the styling.
     */
    public void doReport(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        // As core guards its own artifact pages: Run/Artifacts exists only when a system property turns it on.
        run.checkPermission(Functions.isArtifactsPermissionEnabled() ? Run.ARTIFACTS : Item.READ);
        File file = reportFile();
        if (!file.isFile()) {
            rsp.sendError(404);
            return;
        }
        rsp.setContentType("text/html;charset=UTF-8");
        rsp.setHeader("Content-Security-Policy",
                "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        try (OutputStream out = rsp.getOutputStream()) {
            Files.copy(file.toPath(), out);
        }
    }

    /** One budget scope of the build, as its report showed it. */
    public static final class BudgetRow {
        private final String scope;
        private final String kind;
        private final String capUsd;
        private final String spentUsd;
        private final String percentUsed;
        private final boolean overrun;

        public BudgetRow(String scope, String kind, String capUsd, String spentUsd, String percentUsed, boolean overrun) {
            this.scope = scope;
            this.kind = kind;
            this.capUsd = capUsd;
            this.spentUsd = spentUsd;
            this.percentUsed = percentUsed;
            this.overrun = overrun;
        }

        public String getScope() {
            return scope;
        }

        public String getKind() {
            return kind;
        }

        /** {@code job month} rather than {@code JOB_MONTH}. */
        public String getKindLabel() {
            try {
                return io.ailanes.engine.budget.ScopeKind.valueOf(kind).label();
            } catch (IllegalArgumentException | NullPointerException e) {
                return kind;
            }
        }

        public String getCapText() {
            return capUsd == null ? "no cap" : Usd.readable(new BigDecimal(capUsd));
        }

        public String getSpentText() {
            return spentUsd == null ? "" : Usd.readable(new BigDecimal(spentUsd));
        }

        /** {@code $0.02 of $5.00 (0.4%)}, with {@code · overrun} when spend went past the cap. */
        public String getUsageText() {
            return getSpentText() + " of " + getCapText() + (percentUsed == null ? "" : " (" + percentUsed + "%)")
                    + (overrun ? " · overrun" : "");
        }

        public String getPercentUsed() {
            return percentUsed;
        }

        public boolean isOverrun() {
            return overrun;
        }
    }

    /** One AI Lanes step of the build. */
    public static final class StepRow {
        private final String step;
        private final int number;
        private final String model;
        private final String costUsd;
        private final String outcome;

        public StepRow(String step, int number, String model, String costUsd, String outcome) {
            this.step = step;
            this.number = number;
            this.model = model;
            this.costUsd = costUsd;
            this.outcome = outcome;
        }

        public String getStep() {
            return step;
        }

        public int getNumber() {
            return number;
        }

        public String getModel() {
            return model;
        }

        public String getCostText() {
            return costUsd == null ? "" : Usd.readable(new BigDecimal(costUsd));
        }

        public String getOutcome() {
            return outcome;
        }
    }

    /** The last implement step's gate verdict. */
    public static final class ImplementRow {
        private final boolean passed;
        private final int rounds;
        private final boolean escalated;
        private final String model;
        private final String family;
        private final int filesChanged;
        private final String failure;

        public ImplementRow(boolean passed, int rounds, boolean escalated, String model, String family, int filesChanged,
                String failure) {
            this.passed = passed;
            this.rounds = rounds;
            this.escalated = escalated;
            this.model = model;
            this.family = family;
            this.filesChanged = filesChanged;
            this.failure = failure;
        }

        public boolean isPassed() {
            return passed;
        }

        public int getRounds() {
            return rounds;
        }

        public boolean isEscalated() {
            return escalated;
        }

        public String getModel() {
            return model;
        }

        /** The implementer's model family, which the review lane must avoid. */
        public String getFamily() {
            return family;
        }

        public int getFilesChanged() {
            return filesChanged;
        }

        public String getFailure() {
            return failure;
        }

        /** One sentence, built here: Jelly drops the blanks between text and tags, gluing words to punctuation. */
        public String getText() {
            return (passed ? "Passed" : "Failed") + " after " + count(rounds, "round") + (escalated ? " (escalated)" : "")
                    + "; " + count(filesChanged, "file") + " changed" + (model == null ? "" : "; last model " + model)
                    + ".";
        }
    }

    /** The last review's verdict. */
    public static final class ReviewRow {
        private final String verdict;
        private final String summary;
        private final String model;
        private final int high;
        private final int medium;
        private final int low;
        private final boolean failed;

        public ReviewRow(String verdict, String summary, String model, int high, int medium, int low, boolean failed) {
            this.verdict = verdict;
            this.summary = summary;
            this.model = model;
            this.high = high;
            this.medium = medium;
            this.low = low;
            this.failed = failed;
        }

        public String getVerdict() {
            return verdict;
        }

        public String getSummary() {
            return summary;
        }

        public String getModel() {
            return model;
        }

        public int getHigh() {
            return high;
        }

        public int getMedium() {
            return medium;
        }

        public int getLow() {
            return low;
        }

        public boolean isFailed() {
            return failed;
        }

        public String getText() {
            String by = "approve".equals(verdict) ? "Approved by " : "request-changes".equals(verdict)
                    ? "Changes requested by " : verdict + " by ";
            return by + model + ": " + Review.counts(high, medium, low)
                    + (failed ? " (at or above failOn)" : "") + ".";
        }
    }

    /** {@code 1 round}, {@code 2 rounds}: the pages' counted nouns. */
    public static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
