package io.ailanes.cli;

import io.ailanes.engine.gate.GateResult;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.report.BudgetSummary;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.report.CounterfactualResult;
import io.ailanes.engine.report.FixRounds;
import io.ailanes.engine.report.GroupSummary;
import io.ailanes.engine.review.Review;
import io.ailanes.engine.steps.ImplementSummary;
import io.ailanes.engine.steps.PlanSummary;
import io.ailanes.engine.steps.ReviewSummary;
import io.ailanes.engine.workflow.ChangeWorkflow;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code run} and {@code demo} print at the end: each step's outcome, cost by lane, saving, budget, files. The
 * steps' outcomes are the engine's words ({@code steps.*Summary}), as the Jenkins build log and page say them; the
 * layout and the per-round lines are the terminal's.
 */
final class Story {

    private Story() {}

    static void print(PrintWriter out, ChangeWorkflow.Outcome outcome, Path outDir) {
        out.println();
        out.println("== Steps");
        if (outcome.plan() != null) {
            out.printf("plan       %s%n", PlanSummary.of(outcome.plan()).text());
        }
        Implementer.Result implemented = outcome.implement();
        if (implemented != null) {
            for (Implementer.Round round : implemented.rounds()) {
                out.printf("implement  round %d, %s lane, %s: %s%n", round.number(), round.lane(), round.model(),
                        describe(round));
            }
            out.printf("           %s%n", ImplementSummary.of(implemented, outcome.held() != null).text());
        }
        if (outcome.review() != null) {
            out.printf("review     %s%n", ReviewSummary.of(outcome.review()).text());
            for (Review.Finding f : outcome.review().review().findings()) {
                out.printf("           [%s] %s:%d %s%n", f.severity(), f.file(), f.line(), f.message());
            }
        }
        CostReport report = outcome.report();
        out.println();
        out.println("== Cost by lane");
        for (GroupSummary lane : report.byLane()) {
            out.printf("  %-10s %10s  %d call(s), %s tokens in, %s out%n", lane.key(), Money.usd(lane.costUsd()),
                    lane.calls(), lane.tokens().totalInputTokens(), lane.tokens().totalOutputTokens());
        }
        out.printf("  %-10s %10s%n", "total", Money.usd(report.totals().costUsd()));
        CounterfactualResult premium = report.counterfactual();
        if (premium != null) {
            out.printf("  all on %s: %s; the lanes saved %s%s%n", premium.premiumModel(), Money.usd(premium.premiumUsd()),
                    Money.usd(premium.savingUsd()), premium.savingPercent() == null ? "" : " (" + premium.savingPercent() + "%)");
        }
        FixRounds rounds = report.fixRounds();
        if (rounds != null && rounds.overall() != null && rounds.overall().cachedShare() != null) {
            out.printf("  fix rounds: %s of their input tokens came from the prompt cache%n",
                    percent(rounds.overall().cachedShare()));
        }
        if (!report.budgets().isEmpty()) {
            out.println();
            out.println("== Budget");
            List<BudgetSummary> budgets = new ArrayList<>(report.budgets());
            List<String> order = List.of("BUILD", "LANE", "STEP", "JOB_MONTH", "GLOBAL_DAY");
            budgets.sort(java.util.Comparator.comparingInt(b -> order.indexOf(b.line().kind())));
            for (BudgetSummary budget : budgets) {
                out.printf("  %-10s %s: %s%s%n", budget.line().kind(), budget.line().scope(), Money.usd(budget.line().spentUsd()),
                        budget.line().capUsd() == null ? " (no cap)"
                                : " of " + Money.usd(budget.line().capUsd()) + " (" + budget.percentUsed() + "%)");
            }
        }
        out.println();
        out.println("== Files");
        List<String> files = new ArrayList<>(List.of("report.html", "cost.json", "audit.jsonl"));
        if (outcome.plan() != null) {
            files.addAll(List.of("plan.md", "plan.json"));
        }
        if (implemented != null) {
            files.addAll(List.of("changes.patch", "gates.xml"));
        }
        if (outcome.review() != null) {
            files.addAll(List.of("review.sarif", "review.xml"));
        }
        out.printf("  %s%n", outDir.resolve("report.html").toAbsolutePath().normalize());
        out.printf("  (also in %s: %s)%n", outDir, String.join(", ", files.subList(1, files.size())));
        out.println();
        out.println(outcome.passed() ? "Result: PASSED" : "Result: FAILED: " + outcome.failure());
    }

    private static String describe(Implementer.Round round) {
        return switch (round.outcome()) {
            case PASSED -> "gates passed (" + gates(round.gates()) + ")";
            case GATES_FAILED -> "gates failed (" + gates(round.gates()) + "), feedback sent back";
            case EDITS_INVALID -> "edits did not apply: " + String.join("; ", round.problems());
            case EDITS_REJECTED -> "change set REJECTED by the edit policy: " + String.join("; ", round.problems());
        };
    }

    private static String gates(List<GateResult> results) {
        List<String> parts = new ArrayList<>();
        for (GateResult r : results) {
            String tests = r.junit().tests() > 0 ? ", " + r.junit().passed() + "/" + r.junit().tests() + " tests" : "";
            parts.add(r.gate().name() + " " + (r.passed() ? "ok" : "failed") + tests);
        }
        return parts.isEmpty() ? "no gates" : String.join(", ", parts);
    }

    static String percent(BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
