package io.ailanes.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Aggregation arithmetic against hand-computed figures (see {@link Calls#six()}). */
class CostReportBuilderTest {

    private final CostReport report = Calls.report(null, List.of(), Calls.six());

    @Test
    void totalsAreExactSums() {
        Totals t = report.totals();
        // 0.0123456 + 0 + 0.0002100 + 0.0000552 + 0 + 0.001375
        assertThat(t.costUsd()).isEqualByComparingTo("0.0139858");
        assertThat(t.tokens()).isEqualTo(new Usage(1900, 1100, 300, 0, 760, 140));
        assertThat(t.calls()).isEqualTo(5);
        assertThat(t.attempts()).isEqualTo(6);
        assertThat(t.failedAttempts()).isEqualTo(2);
        assertThat(t.failedCalls()).isEqualTo(1); // c4; c2 succeeded on its retry
        assertThat(t.outcomes()).containsExactly(Map.entry("FAILED", 1L), Map.entry("RETRYING", 1L),
                Map.entry("SUCCEEDED", 4L));
        assertThat(t.latencyMsTotal()).isEqualTo(6800);
        assertThat(t.latencyMsMax()).isEqualTo(3000);
        assertThat(t.latencyMsMean()).isEqualByComparingTo("1133.3");
        assertThat(t.cacheShare()).isEqualByComparingTo("0.3333"); // 1100 / 3300
    }

    @Test
    void groupsAreSortedByCostAndCountDistinctCalls() {
        assertThat(report.byStep()).extracting(GroupSummary::key).containsExactly("plan", "review", "implement");
        GroupSummary implement = report.byStep().get(2);
        assertThat(implement.costUsd()).isEqualByComparingTo("0.0002652");
        assertThat(implement.calls()).isEqualTo(3);
        assertThat(implement.attempts()).isEqualTo(4);
        assertThat(implement.failedAttempts()).isEqualTo(2);
        assertThat(implement.tokens()).isEqualTo(new Usage(600, 900, 0, 0, 300, 0));
        assertThat(implement.cacheShare()).isEqualByComparingTo("0.6000");
        assertThat(implement.latencyMsTotal()).isEqualTo(3800);
        assertThat(implement.latencyMsMax()).isEqualTo(3000);
        assertThat(implement.family()).isNull();

        assertThat(report.byLane()).extracting(GroupSummary::key).containsExactly("reasoning", "execution");
        GroupSummary reasoning = report.byLane().get(0);
        assertThat(reasoning.costUsd()).isEqualByComparingTo("0.0137206");
        assertThat(reasoning.calls()).isEqualTo(2);
        assertThat(reasoning.models()).containsExactly("anthropic/opus", "openai/gpt-5");
        assertThat(reasoning.tokens()).isEqualTo(new Usage(1300, 200, 300, 0, 460, 140));

        assertThat(report.byModel()).extracting(GroupSummary::key)
                .containsExactly("anthropic/opus", "openai/gpt-5", "deepseek/chat");
        assertThat(report.byModel()).extracting(GroupSummary::family).containsExactly("claude", "gpt", "deepseek");
        assertThat(report.byModel().get(0).cacheShare()).isEqualByComparingTo("0.1333"); // 200 / 1500
        assertThat(report.byModel().get(1).cacheShare()).isEqualByComparingTo("0.0000");
        assertThat(report.byModel().get(2).lanes()).containsExactly("execution");
    }

    @Test
    void fixRoundsMeasureCachedShareOfInput() {
        FixRounds f = report.fixRounds();
        assertThat(f.firstRound()).isEqualTo(new FixRounds.RoundShare(1, 2, 500, 0));
        assertThat(f.firstRound().cachedShare()).isEqualByComparingTo("0");
        assertThat(f.rounds()).containsExactly(new FixRounds.RoundShare(2, 2, 1000, 900));
        assertThat(f.rounds().get(0).cachedShare()).isEqualByComparingTo("0.9000");
        assertThat(f.overall()).isEqualTo(new FixRounds.RoundShare(null, 2, 1000, 900));
    }

    @Test
    void fixRoundsOverallSpansEveryLaterRound() {
        List<ReportCall> calls = List.of(
                Calls.call(1, "a", 1, "implement", "execution", "d/m", "SUCCEEDED", new Usage(100, 300, 0, 0, 1, 0),
                        "0", 1, 2, null),
                Calls.call(2, "b", 1, "implement", "execution", "d/m", "SUCCEEDED", new Usage(50, 0, 50, 0, 1, 0),
                        "0", 1, 3, null));
        FixRounds f = Calls.report(null, List.of(), calls).fixRounds();
        assertThat(f.firstRound()).isNull();
        assertThat(f.rounds()).extracting(FixRounds.RoundShare::round).containsExactly(2, 3);
        assertThat(f.rounds().get(1).cachedShare()).isEqualByComparingTo("0");
        assertThat(f.overall()).isEqualTo(new FixRounds.RoundShare(null, 2, 500, 300));
        assertThat(f.overall().cachedShare()).isEqualByComparingTo("0.6000");
    }

    @Test
    void runTimesDefaultToTheAttemptsAndRowsComeBackIntact() {
        // The first attempt ended at 09:00:10 after 1 s: the run started when it did.
        assertThat(report.run().startedAt()).isEqualTo(Instant.parse("2026-01-05T09:00:09Z"));
        assertThat(report.run().finishedAt()).isEqualTo(Instant.parse("2026-01-05T09:01:00Z"));
        assertThat(report.run().currency()).isEqualTo("USD");
        assertThat(report.calls().size()).isEqualTo(6);
        assertThat(report.calls()).containsExactlyElementsOf(Calls.six());
    }

    @Test
    void emptyRunHasZerosAndNoShares() {
        CostReport empty = Calls.report(null, List.of(), List.of());
        assertThat(empty.totals().costUsd()).isEqualByComparingTo("0");
        assertThat(empty.totals().calls()).isZero();
        assertThat(empty.totals().cacheShare()).isNull();
        assertThat(empty.totals().latencyMsMean()).isNull();
        assertThat(empty.fixRounds().overall().cachedShare()).isNull();
        assertThat(empty.run().startedAt()).isNull();
    }

    @Test
    void budgetsShowHeadroomPercentAndOverrun() {
        List<BudgetLine> lines = List.of(
                new BudgetLine("build \"j#1\"", "BUILD", new BigDecimal("1.00"), new BigDecimal("0.25"),
                        new BigDecimal("0.05"), false),
                new BudgetLine("step \"plan\"", "STEP", new BigDecimal("0.10"), new BigDecimal("0.12"),
                        BigDecimal.ZERO, false),
                new BudgetLine("global day", "GLOBAL_DAY", null, new BigDecimal("3"), null, false),
                new BudgetLine("call", "CALL", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, true));
        List<BudgetSummary> b = Calls.report(null, lines, List.of()).budgets();
        assertThat(b.get(0).headroomUsd()).isEqualByComparingTo("0.70");
        assertThat(b.get(0).percentUsed()).isEqualByComparingTo("30.00");
        assertThat(b.get(0).overrun()).isFalse();
        assertThat(b.get(1).headroomUsd()).isEqualByComparingTo("-0.02");
        assertThat(b.get(1).percentUsed()).isEqualByComparingTo("120.00");
        assertThat(b.get(1).overrun()).isTrue(); // spent beyond the cap even though the line was not flagged
        assertThat(b.get(2).headroomUsd()).isNull();
        assertThat(b.get(2).percentUsed()).isNull();
        assertThat(b.get(2).line().reservedUsd()).isEqualByComparingTo("0");
        assertThat(b.get(3).percentUsed()).isNull(); // zero cap: no division
        assertThat(b.get(3).overrun()).isTrue(); // the ledger's flag is kept
    }

    @Test
    void rejectsACounterfactualAfterTheFirstAttempt() {
        CostReportBuilder b = new CostReportBuilder().add(Calls.six().get(0));
        assertThatThrownBy(() -> b.counterfactual(new Counterfactual("a/b", u -> BigDecimal.ONE)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before adding");
    }

    @Test
    void takesNoAttemptsAfterBuilding() {
        CostReportBuilder b = new CostReportBuilder().add(Calls.six().get(0));
        CostReport built = b.build();
        assertThatThrownBy(() -> b.add(Calls.six().get(1))).isInstanceOf(IllegalStateException.class)
                .hasMessage("the report was already built");
        assertThat(built.calls().size()).isEqualTo(1);
    }

    @Test
    void nullFieldsAreNormalised() {
        ReportCall c = new ReportCall(1, Calls.T0, "x", 1, null, " ", null, null, null, null, null, -5, null, null,
                null);
        assertThat(c.step()).isEqualTo("(none)");
        assertThat(c.lane()).isEqualTo("(none)");
        assertThat(c.outcome()).isEqualTo("UNKNOWN");
        assertThat(c.usage()).isEqualTo(Usage.ZERO);
        assertThat(c.costUsd()).isEqualByComparingTo("0");
        assertThat(c.latencyMs()).isZero();
        assertThat(c.billed()).isFalse();
    }
}
