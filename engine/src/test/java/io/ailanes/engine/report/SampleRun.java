package io.ailanes.engine.report;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * A realistic small run for the browser test and the documentation screenshot: the reasoning lane plans on
 * Claude Opus 4.5, the execution lane implements on DeepSeek in two rounds (one 503 retry), GPT-5 reviews.
 * Prices are per million tokens, written here so the sample does not depend on the price catalogue.
 */
final class SampleRun {

    static final String OPUS = "anthropic/claude-opus-4-5";
    static final String DEEPSEEK = "deepseek/deepseek-chat";
    static final String GPT5 = "openai/gpt-5";
    static final Instant START = Instant.parse("2026-03-02T14:00:00Z");

    /** input, cache read, cache write 5 min, cache write 1 h, output, reasoning: USD per million tokens. */
    static Function<Usage, BigDecimal> perMillion(String in, String read, String write, String write1h, String out,
            String reasoning) {
        BigDecimal[] rates = {new BigDecimal(in), new BigDecimal(read), new BigDecimal(write),
                new BigDecimal(write1h), new BigDecimal(out), new BigDecimal(reasoning)};
        return u -> {
            long[] t = {u.inputTokens(), u.cacheReadTokens(), u.cacheWriteTokens(), u.cacheWrite1hTokens(),
                    u.outputTokens(), u.reasoningTokens()};
            BigDecimal sum = BigDecimal.ZERO;
            for (int k = 0; k < t.length; k++) {
                sum = sum.add(rates[k].multiply(BigDecimal.valueOf(t[k])));
            }
            return sum.movePointLeft(6);
        };
    }

    static final Function<Usage, BigDecimal> OPUS_PRICE = perMillion("5", "0.50", "6.25", "10", "25", "25");
    static final Function<Usage, BigDecimal> DEEPSEEK_PRICE = perMillion("0.28", "0.028", "0.28", "0.28", "0.42",
            "0.42");
    static final Function<Usage, BigDecimal> GPT5_PRICE = perMillion("1.25", "0.125", "1.25", "1.25", "10", "10");

    private SampleRun() {}

    static CostReport report() {
        CostReportBuilder b = new CostReportBuilder()
                .runInfo("run-7f3a9c", "myjob #42 \u2013 add retry budget to payment client", START,
                        START.plusSeconds(412))
                .counterfactual(new Counterfactual(OPUS, OPUS_PRICE));
        for (ReportCall c : calls()) {
            b.add(c);
        }
        CostReport provisional = b.build();
        BigDecimal total = provisional.totals().costUsd();
        BigDecimal implement = provisional.byStep().stream().filter(g -> g.key().equals("implement")).findFirst()
                .orElseThrow().costUsd();
        return rebuild(List.of(
                new BudgetLine("build \"myjob#42\"", "BUILD", new BigDecimal("1.00"), total, BigDecimal.ZERO, false),
                new BudgetLine("step \"implement\"", "STEP", new BigDecimal("0.10"), implement, BigDecimal.ZERO,
                        false),
                new BudgetLine("job month \"myjob@2026-03\"", "JOB_MONTH", new BigDecimal("150"),
                        new BigDecimal("37.42").add(total), BigDecimal.ZERO, false),
                new BudgetLine("global day \"2026-03-02\"", "GLOBAL_DAY", new BigDecimal("500"),
                        new BigDecimal("412.07").add(total), new BigDecimal("3.20"), false)));
    }

    /**
     * The sample run with a What-if section of three alternatives (figures as {@code ai-lanes simulate} would
     * give them; {@code RoutingSimulatorTest} checks the arithmetic, this the rendering).
     */
    static CostReport reportWithWhatIf() {
        CostReport base = report();
        BigDecimal paid = base.totals().costUsd();
        WhatIf.Assumption tokens = new WhatIf.Assumption("tokens", "Same token counts: tokens counted by the deepseek "
                + "tokenizer(s) are priced as if the other family counted the same text the same way.");
        WhatIf.Assumption reasoning = new WhatIf.Assumption("reasoning", "Reasoning tokens kept: priced as output "
                + "where the alternative lists no reasoning rate; an upper bound.");
        WhatIf.Alternative premium = WhatIf.Alternative.of("all-premium", "all-premium=" + OPUS,
                "every billed attempt on " + OPUS, paid, new BigDecimal("1.1904"),
                List.of(WhatIf.Line.of("implement", new BigDecimal("0.0389"), new BigDecimal("0.7"), List.of("tokens")),
                        WhatIf.Line.of("plan", new BigDecimal("0.2988"), new BigDecimal("0.2988"), List.of()),
                        WhatIf.Line.of("review", new BigDecimal("0.0496238"), new BigDecimal("0.1916"), List.of())),
                List.of(WhatIf.Line.of("execution", new BigDecimal("0.0389"), new BigDecimal("0.7"), List.of("tokens"))),
                List.of(tokens), List.of("tokens"));
        WhatIf.Alternative cheap = WhatIf.Alternative.of("all-cheap", "all-cheap=deepseek/deepseek-chat",
                "every billed attempt on deepseek/deepseek-chat", paid, new BigDecimal("0.0612"),
                List.of(WhatIf.Line.of("plan", new BigDecimal("0.2988"), new BigDecimal("0.0301"), List.of("tokens", "reasoning"))),
                List.of(WhatIf.Line.of("reasoning", new BigDecimal("0.2988"), new BigDecimal("0.0301"), List.of("tokens", "reasoning"))),
                List.of(tokens, reasoning), List.of("tokens", "reasoning"));
        WhatIf.Alternative escalation = WhatIf.Alternative.of("escalation", "escalation=off",
                "attempts of an escalated implement step priced on the model the original lane's first round went to",
                paid, paid, List.of(), List.of(), List.of(), List.of());
        WhatIf whatIf = new WhatIf(List.of("ai-lanes/audit.jsonl"), List.of(), 7, paid, "2026-03-01", "2026-07-24",
                "the bundled catalog", paid, List.of(premium, cheap, escalation));
        return new CostReport(base.run(), base.totals(), base.byStep(), base.byLane(), base.byModel(), base.budgets(),
                base.counterfactual(), base.fixRounds(), base.calls(), base.events(), whatIf);
    }

    /**
     * The sample run under {@code policy.allowedRegions [eu, us]}: DeepSeek on an EU deployment and Anthropic declared by
     * the admin, OpenAI's EU endpoint from the catalog, Qwen (catalog: cn) refused, and a provider id carrying markup
     * that must stay text.
     */
    static CostReport reportWithResidency() {
        CostReportBuilder b = new CostReportBuilder()
                .runInfo("run-7f3a9c", "myjob #42 \u2013 residency", START, START.plusSeconds(412))
                .allowedRegions(List.of("eu", "us"))
                .recordsKeptIn("/var/jenkins/jobs/myjob/builds/42/ai-lanes")
                .providerRegion("qwen", "cn", "catalog https://www.alibabacloud.com/help/en/model-studio/regions")
                .regionRefused("qwen")
                .providerRegion("deepseek", "eu", "configured")
                .providerRegion("anthropic", "us", "configured")
                .providerRegion("openai", "eu", "catalog https://developers.openai.com/api/docs/guides/data-residency")
                .providerRegion("<img src=x onerror=alert(1)>", "unknown", "unknown")
                .regionRefused("<img src=x onerror=alert(1)>");
        for (ReportCall c : calls()) {
            b.add(c);
        }
        return b.build();
    }

    private static CostReport rebuild(List<BudgetLine> budgets) {
        CostReportBuilder b = new CostReportBuilder()
                .runInfo("run-7f3a9c", "myjob #42 \u2013 add retry budget to payment client", START,
                        START.plusSeconds(412))
                .counterfactual(new Counterfactual(OPUS, OPUS_PRICE))
                .budgets(budgets);
        for (ReportCall c : calls()) {
            b.add(c);
        }
        return b.build();
    }

    static List<ReportCall> calls() {
        return List.of(
                call(1, 41, "plan-1", 1, "plan", "reasoning", OPUS, "claude", "SUCCEEDED",
                        new Usage(18_000, 0, 6_000, 0, 2_400, 3_100), OPUS_PRICE, 41_200, null, null,
                        "plan: reasoning lane primary"),
                call(2, 98, "impl-1a", 1, "implement", "execution", DEEPSEEK, "deepseek", "SUCCEEDED",
                        new Usage(24_000, 0, 0, 0, 6_500, 0), DEEPSEEK_PRICE, 52_300, 1, null,
                        "implement: execution lane"),
                call(3, 131, "impl-1b", 1, "implement", "execution", DEEPSEEK, "deepseek", "SUCCEEDED",
                        new Usage(11_600, 8_300, 0, 0, 3_900, 0), DEEPSEEK_PRICE, 31_800, 1, null,
                        "implement: execution lane"),
                call(4, 196, "impl-2a", 1, "implement", "execution", DEEPSEEK, "deepseek", "RETRYING",
                        Usage.ZERO, DEEPSEEK_PRICE, 2_100, 2,
                        "deepseek/deepseek-chat: HTTP 503: Server overloaded, please try again later.", null),
                call(5, 231, "impl-2a", 2, "implement", "execution", DEEPSEEK, "deepseek", "SUCCEEDED",
                        new Usage(3_200, 22_400, 0, 0, 4_100, 0), DEEPSEEK_PRICE, 33_900, 2, null,
                        "implement: execution lane"),
                call(6, 262, "impl-2b", 1, "implement", "execution", DEEPSEEK, "deepseek", "SUCCEEDED",
                        new Usage(1_800, 19_900, 0, 0, 2_200, 0), DEEPSEEK_PRICE, 29_100, 2, null,
                        "implement: execution lane"),
                call(7, 338, "review-1", 1, "review", "reasoning", GPT5, "gpt", "SUCCEEDED",
                        new Usage(9_500, 0, 0, 0, 1_400, 4_800), GPT5_PRICE, 71_400, null, null,
                        "review: cross-vendor reviewer"),
                call(8, 405, "review-2", 1, "review", "reasoning", GPT5, "gpt", "SUCCEEDED",
                        new Usage(2_100, 8_200, 0, 0, 600, 1_900), GPT5_PRICE, 38_000, null, null,
                        "review: cross-vendor reviewer"));
    }

    private static ReportCall call(long seq, int second, String callId, int attempt, String step, String lane,
            String model, String family, String outcome, Usage usage, Function<Usage, BigDecimal> price,
            long latency, Integer round, String error, String reason) {
        return new ReportCall(seq, START.plusSeconds(second), callId, attempt, step, lane, model, family, outcome,
                usage, price.apply(usage), latency, round, error, reason);
    }
}
