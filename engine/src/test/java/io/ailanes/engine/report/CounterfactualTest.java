package io.ailanes.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The all-premium comparison: which attempts are priced, and saving in every sign. */
class CounterfactualTest {

    /** One hundred-thousandth of a dollar per token of any kind. */
    private static final Function<Usage, BigDecimal> FLAT = u -> new BigDecimal("0.00001")
            .multiply(BigDecimal.valueOf(u.totalTokens()));

    @Test
    void positiveSaving() {
        CostReport r = Calls.report(new Counterfactual("anthropic/opus", FLAT), List.of(), Calls.six());
        CounterfactualResult c = r.counterfactual();
        // Billed: c1 (2,000 tokens), c2 retry (750), c3 (1,050), c5 (400); the 503 and the 400 carried nothing.
        assertThat(c.pricedAttempts()).isEqualTo(4);
        assertThat(c.premiumUsd()).isEqualByComparingTo("0.042");
        assertThat(c.actualUsd()).isEqualByComparingTo("0.0139858");
        assertThat(c.savingUsd()).isEqualByComparingTo("0.0280142");
        assertThat(c.savingPercent()).isEqualByComparingTo("66.70"); // 0.0280142 / 0.042 = 66.7004...%
        assertThat(c.premiumModel()).isEqualTo("anthropic/opus");
        assertThat(c.note()).contains("same token volumes", "anthropic/opus", "cache", "fewer rounds");
        assertThat(HtmlReportWriter.plainWords(r)).contains("they would have cost $0.042",
                "so the lanes saved $0.02801 (66.7%).");
    }

    @Test
    void zeroSavingWhenThePremiumPricesMatch() {
        List<ReportCall> calls = List.of(Calls.call(1, "a", 1, "plan", "reasoning", "anthropic/opus", "SUCCEEDED",
                new Usage(1000, 0, 0, 0, 500, 0), "0.015", 10, null, null));
        CostReport r = Calls.report(new Counterfactual("anthropic/opus", FLAT), List.of(), calls);
        assertThat(r.counterfactual().savingUsd()).isEqualByComparingTo("0");
        assertThat(r.counterfactual().savingPercent()).isEqualByComparingTo("0.00");
        assertThat(HtmlReportWriter.plainWords(r)).contains("exactly what it cost: no saving.");
    }

    @Test
    void negativeSavingIsShownAsExtraCost() {
        // Four billed attempts at a tenth of a cent each: 0.004 < 0.0139858.
        CostReport dearer = Calls.report(new Counterfactual("cheap/model", u -> new BigDecimal("0.001")),
                List.of(), Calls.six());
        CounterfactualResult d = dearer.counterfactual();
        assertThat(d.premiumUsd()).isEqualByComparingTo("0.004");
        assertThat(d.savingUsd()).isEqualByComparingTo("-0.0099858");
        assertThat(d.savingPercent()).isEqualByComparingTo("-249.64"); // -249.645% to even
        assertThat(HtmlReportWriter.plainWords(dearer)).contains("so the lanes cost $0.009986 more (249.6% extra).");
    }

    @Test
    void zeroPremiumCostHasNoPercent() {
        CostReport r = Calls.report(new Counterfactual("free/model", u -> BigDecimal.ZERO), List.of(), Calls.six());
        assertThat(r.counterfactual().premiumUsd()).isEqualByComparingTo("0");
        assertThat(r.counterfactual().savingUsd()).isEqualByComparingTo("-0.0139858");
        assertThat(r.counterfactual().savingPercent()).isNull();
        assertThat(HtmlReportWriter.plainWords(r)).contains("so the lanes cost $0.01399 more.");

        CostReport empty = Calls.report(new Counterfactual("free/model", FLAT), List.of(), List.of());
        assertThat(empty.counterfactual().savingUsd()).isEqualByComparingTo("0");
        assertThat(empty.counterfactual().savingPercent()).isNull();
        assertThat(empty.counterfactual().pricedAttempts()).isZero();
    }

    @Test
    void billedFailuresArePricedAndEachAttemptSeparately() {
        List<Usage> seen = new ArrayList<>();
        Function<Usage, BigDecimal> recording = u -> {
            seen.add(u);
            return BigDecimal.ONE;
        };
        List<ReportCall> calls = List.of(
                // A stream cut off after 40 output tokens: billed although it failed.
                Calls.call(1, "a", 1, "implement", "execution", "d/m", "FAILED", new Usage(100, 0, 0, 0, 40, 0),
                        "0.00002", 1, 1, "stream reset"),
                Calls.call(2, "a", 2, "implement", "execution", "d/m", "SUCCEEDED", new Usage(100, 0, 0, 0, 90, 0),
                        "0.00004", 1, 1, null),
                Calls.call(3, "b", 1, "review", "reasoning", "o/g", "REFUSED", Usage.ZERO, "0", 0, null,
                        "budget"));
        CostReport r = Calls.report(new Counterfactual("p/m", recording), List.of(), calls);
        assertThat(seen).containsExactly(new Usage(100, 0, 0, 0, 40, 0), new Usage(100, 0, 0, 0, 90, 0));
        assertThat(r.counterfactual().pricedAttempts()).isEqualTo(2);
        assertThat(r.counterfactual().premiumUsd()).isEqualByComparingTo("2");
    }
}
