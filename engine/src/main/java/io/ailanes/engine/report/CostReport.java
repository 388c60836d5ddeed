package io.ailanes.engine.report;

import java.util.List;

/**
 * Everything cost.json and report.html show, computed once by {@link CostReportBuilder}.
 *
 * @param run the run, with start and end resolved from the attempts when not given
 * @param totals the whole run
 * @param byStep per step, most expensive first
 * @param byLane per lane, most expensive first
 * @param byModel per {@code provider/model}, most expensive first
 * @param budgets per budget scope, in the order given
 * @param counterfactual the all-premium comparison, or null when none was configured
 * @param fixRounds cached share of input on implement fix rounds
 * @param calls every attempt, in the order added (spilled to a temporary file when there are many)
 * @param events what policies blocked, in order (the first {@link CostReportBuilder#EVENTS_KEPT})
 * @param whatIf other routings simulated for this run ({@code ai-lanes simulate}), {@link WhatIf#NONE} when none
 * @param timeline the timeline chart's bounded data
 * @param eventsSeen how many events there were, kept or not
 * @param residency where the prompts and completions went, and where the records are kept
 * @param riskClass the risk class the run's steps ran under ({@code low}, {@code high}, {@code critical}), or null when
 *     the audit records none (a run from before risk classes)
 */
public record CostReport(RunInfo run, Totals totals, List<GroupSummary> byStep, List<GroupSummary> byLane,
        List<GroupSummary> byModel, List<BudgetSummary> budgets, CounterfactualResult counterfactual,
        FixRounds fixRounds, CallTable calls, List<PolicyEvent> events, WhatIf whatIf, Timeline timeline,
        long eventsSeen, DataResidency residency, String riskClass) {

    public static final String SCHEMA = "ai-lanes/cost/v1";

    public CostReport {
        byStep = List.copyOf(byStep);
        byLane = List.copyOf(byLane);
        byModel = List.copyOf(byModel);
        budgets = List.copyOf(budgets);
        events = List.copyOf(events);
        whatIf = whatIf == null ? WhatIf.NONE : whatIf;
        eventsSeen = Math.max(eventsSeen, events.size());
        residency = residency == null ? DataResidency.NONE : residency;
    }

    /** A report without a residency section or a risk class. */
    public CostReport(RunInfo run, Totals totals, List<GroupSummary> byStep, List<GroupSummary> byLane,
            List<GroupSummary> byModel, List<BudgetSummary> budgets, CounterfactualResult counterfactual,
            FixRounds fixRounds, CallTable calls, List<PolicyEvent> events, WhatIf whatIf, Timeline timeline,
            long eventsSeen) {
        this(run, totals, byStep, byLane, byModel, budgets, counterfactual, fixRounds, calls, events, whatIf, timeline,
                eventsSeen, DataResidency.NONE, null);
    }

    /** What the risk class decided, in order: the events of {@link PolicyEvent#RISK_KINDS}. */
    public List<PolicyEvent> riskDecisions() {
        return events.stream().filter(PolicyEvent::risk).toList();
    }

    /** A report whose timeline is read again from its calls. */
    public CostReport(RunInfo run, Totals totals, List<GroupSummary> byStep, List<GroupSummary> byLane,
            List<GroupSummary> byModel, List<BudgetSummary> budgets, CounterfactualResult counterfactual,
            FixRounds fixRounds, CallTable calls, List<PolicyEvent> events, WhatIf whatIf) {
        this(run, totals, byStep, byLane, byModel, budgets, counterfactual, fixRounds, calls, events, whatIf,
                Timeline.of(calls), events.size());
    }

    /** A report without a simulation. */
    public CostReport(RunInfo run, Totals totals, List<GroupSummary> byStep, List<GroupSummary> byLane,
            List<GroupSummary> byModel, List<BudgetSummary> budgets, CounterfactualResult counterfactual,
            FixRounds fixRounds, CallTable calls, List<PolicyEvent> events) {
        this(run, totals, byStep, byLane, byModel, budgets, counterfactual, fixRounds, calls, events, WhatIf.NONE);
    }
}
