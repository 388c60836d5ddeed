package io.ailanes.jenkins.action;

import static io.ailanes.jenkins.action.AiLanesRunAction.count;

import io.ailanes.engine.budget.Usd;
import io.ailanes.engine.report.BudgetSummary;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.report.CounterfactualResult;
import io.ailanes.engine.report.DataResidency;
import io.ailanes.engine.report.PolicyEvent;
import io.ailanes.engine.steps.StepValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the build's latest cost report said, in the words its pages use: cost, the all-premium counterfactual, budget
 * lines, where the prompts went, the sensitive changes the policy allowed and the risk class. Immutable; a new report
 * replaces it whole. Amounts are kept as the report's decimal strings, so nothing is rounded until shown.
 *
 * <p>A class with final fields rather than a record: it is saved with the build, and Jenkins' XStream cannot set the
 * fields of a record when it reads build.xml back.
 */
public final class ReportSummary {

    /** Before the build's first report. */
    static final ReportSummary NONE = new ReportSummary("0", 0, null, null, null, null, List.of(), List.of(), null,
            List.of(), null, List.of());

    private final String costUsd;
    private final long calls;
    private final String premiumModel;
    private final String premiumUsd;
    private final String savingUsd;
    private final String savingPercent;
    private final List<BudgetRow> budgets;
    /** One line per provider. */
    private final List<String> dataRegions;
    private final String allowedRegions;
    private final List<String> sensitiveChanges;
    private final String riskClass;
    private final List<String> riskDecisions;

    ReportSummary(String costUsd, long calls, String premiumModel, String premiumUsd, String savingUsd,
            String savingPercent, List<BudgetRow> budgets, List<String> dataRegions, String allowedRegions,
            List<String> sensitiveChanges, String riskClass, List<String> riskDecisions) {
        this.costUsd = costUsd == null ? "0" : costUsd;
        this.calls = calls;
        this.premiumModel = premiumModel;
        this.premiumUsd = premiumUsd;
        this.savingUsd = savingUsd;
        this.savingPercent = savingPercent;
        this.budgets = copy(budgets);
        this.dataRegions = copy(dataRegions);
        this.allowedRegions = allowedRegions;
        this.sensitiveChanges = copy(sensitiveChanges);
        this.riskClass = riskClass;
        this.riskDecisions = copy(riskDecisions);
    }

    /**
     * The pages' view of {@code report}. A report without a counterfactual (none configured for the steps that wrote
     * it) leaves the one {@code previous} showed, as the pages always have.
     */
    static ReportSummary of(CostReport report, ReportSummary previous) {
        CounterfactualResult counterfactual = report.counterfactual();
        List<BudgetRow> budgets = new ArrayList<>();
        for (BudgetSummary summary : report.budgets()) {
            budgets.add(new BudgetRow(summary.line().scope(), summary.line().kind(),
                    StepValues.usd(summary.line().capUsd()), StepValues.usd(summary.line().spentUsd()),
                    summary.percentUsed() == null ? null : summary.percentUsed().toPlainString(), summary.overrun()));
        }
        DataResidency residency = report.residency();
        List<String> regions = new ArrayList<>();
        for (DataResidency.ProviderUse p : residency.providers()) {
            regions.add(p.provider() + " in " + (p.regions().isEmpty() ? "an unknown region" : String.join(", ", p.regions()))
                    + " (" + p.basis() + "): " + p.calls() + (p.calls() == 1 ? " call, " : " calls, ")
                    + p.inputTokens() + " input and " + p.outputTokens() + " output tokens"
                    + (p.refused() > 0 ? "; skipped " + p.refused() + "\u00d7 by policy.allowedRegions" : ""));
        }
        return new ReportSummary(StepValues.usd(report.totals().costUsd()), report.totals().calls(),
                counterfactual == null ? previous.premiumModel : counterfactual.premiumModel(),
                counterfactual == null ? previous.premiumUsd : StepValues.usd(counterfactual.premiumUsd()),
                counterfactual == null ? previous.savingUsd : StepValues.usd(counterfactual.savingUsd()),
                counterfactual == null ? previous.savingPercent : counterfactual.savingPercent() == null ? null
                        : counterfactual.savingPercent().toPlainString(),
                budgets, regions,
                residency.allowedRegions() == null ? null : String.join(", ", residency.allowedRegions()),
                report.events().stream().filter(PolicyEvent::allowed).map(e -> e.step() + ": " + e.message()).toList(),
                report.riskClass(),
                report.riskDecisions().stream().filter(e -> !PolicyEvent.RISK_CLASS.equals(e.kind()))
                        .map(e -> e.step() + ": " + e.message()).toList());
    }

    /** Read back from build.xml: lists a later version added, or a field absent, are empty rather than null. */
    private Object readResolve() {
        return new ReportSummary(costUsd, calls, premiumModel, premiumUsd, savingUsd, savingPercent, budgets,
                dataRegions, allowedRegions, sensitiveChanges, riskClass, riskDecisions);
    }

    /**
     * A list no one else holds, so nothing changes it once the value is made; a plain {@link ArrayList}, which XStream
     * saves as a plain list (the getters hand out unmodifiable views).
     */
    static <T> List<T> copy(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }

    public String getCostUsd() {
        return costUsd;
    }

    /** The cost as a decimal, for the job's trend. */
    public BigDecimal cost() {
        return new BigDecimal(costUsd);
    }

    public String getCostText() {
        return Usd.readable(cost());
    }

    public long getCalls() {
        return calls;
    }

    /** {@code $0.0203 for 4 calls}. */
    public String getCostLine() {
        return getCostText() + " for " + count(calls, "call");
    }

    public String getPremiumModel() {
        return premiumModel;
    }

    public String getPremiumText() {
        return premiumUsd == null ? null : Usd.readable(new BigDecimal(premiumUsd));
    }

    public String getSavingUsd() {
        return savingUsd;
    }

    public String getSavingText() {
        return savingUsd == null ? null : Usd.readable(new BigDecimal(savingUsd))
                + (savingPercent == null ? "" : " (" + savingPercent + "%)");
    }

    public List<BudgetRow> getBudgets() {
        return Collections.unmodifiableList(budgets);
    }

    /** Where the build's prompts and completions went: "provider in region (basis): calls, tokens", one per provider. */
    public List<String> getDataRegions() {
        return Collections.unmodifiableList(dataRegions);
    }

    /** {@code policy.allowedRegions} of the build, comma-separated, or null when none was set. */
    public String getAllowedRegions() {
        return allowedRegions;
    }

    /** Changes to sensitive build files the policy allowed, each as "step: what". */
    public List<String> getSensitiveChanges() {
        return Collections.unmodifiableList(sensitiveChanges);
    }

    /** The risk class the build's steps ran under, or null. */
    public String getRiskClass() {
        return riskClass;
    }

    /** What the risk class decided, each as "step: what: why" (the class itself left out: it is shown once). */
    public List<String> getRiskDecisions() {
        return Collections.unmodifiableList(riskDecisions);
    }
}
