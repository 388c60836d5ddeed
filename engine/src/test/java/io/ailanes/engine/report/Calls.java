package io.ailanes.engine.report;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Small hand-checkable attempts for the arithmetic tests. */
final class Calls {

    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private Calls() {}

    static ReportCall call(long seq, String callId, int attempt, String step, String lane, String model,
            String outcome, Usage usage, String cost, long latency, Integer round, String error) {
        return new ReportCall(seq, T0.plusSeconds(seq * 10), callId, attempt, step, lane, model,
                model.startsWith("anthropic") ? "claude" : model.startsWith("openai") ? "gpt" : "deepseek", outcome,
                usage, new BigDecimal(cost), latency, round, error, "rule " + step);
    }

    /**
     * Six attempts over five calls: a plan, an implement call retried once (round 1), a round-2 call with
     * cache reads, a failed round-2 call and a review.
     */
    static List<ReportCall> six() {
        return List.of(
                call(1, "c1", 1, "plan", "reasoning", "anthropic/opus", "SUCCEEDED",
                        new Usage(1000, 200, 300, 0, 400, 100), "0.0123456", 1000, null, null),
                call(2, "c2", 1, "implement", "execution", "deepseek/chat", "RETRYING", Usage.ZERO, "0", 200, 1,
                        "HTTP 503"),
                call(3, "c2", 2, "implement", "execution", "deepseek/chat", "SUCCEEDED",
                        new Usage(500, 0, 0, 0, 250, 0), "0.0002100", 3000, 1, null),
                call(4, "c3", 1, "implement", "execution", "deepseek/chat", "SUCCEEDED",
                        new Usage(100, 900, 0, 0, 50, 0), "0.0000552", 500, 2, null),
                call(5, "c4", 1, "implement", "execution", "deepseek/chat", "FAILED", Usage.ZERO, "0", 100, 2,
                        "HTTP 400: bad request"),
                call(6, "c5", 1, "review", "reasoning", "openai/gpt-5", "SUCCEEDED",
                        new Usage(300, 0, 0, 0, 60, 40), "0.001375", 2000, null, null));
    }

    static CostReport report(Counterfactual counterfactual, List<BudgetLine> budgets, List<ReportCall> calls) {
        CostReportBuilder b = new CostReportBuilder().runInfo("r1", "job #1", null, null).budgets(budgets);
        if (counterfactual != null) {
            b.counterfactual(counterfactual);
        }
        calls.forEach(b::add);
        return b.build();
    }
}
