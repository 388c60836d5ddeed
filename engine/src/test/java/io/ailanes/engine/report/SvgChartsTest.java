package io.ailanes.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The charts' labels stay inside their SVG, and a scope without a cap is not drawn as a full bar. */
class SvgChartsTest {

    private static final Pattern TEXT = Pattern.compile("<text x=\"([0-9.]+)\"[^>]*>([^<]*)</text>");
    private final SvgCharts charts = new SvgCharts(new Palette(List.of("reasoning", "execution")));

    @Test
    void theLongestBarsValueLabelEndsInsideTheChart() {
        String svg = charts.bars("Cost by lane", List.of(
                new SvgCharts.Bar("reasoning", new BigDecimal("0.01458"), "#000", "$0.01458 (71.7%)"),
                new SvgCharts.Bar("execution", new BigDecimal("0.0001"), "#000", "$0.0001 (0.5%)")));

        Matcher text = TEXT.matcher(svg);
        int checked = 0;
        while (text.find()) {
            if (text.group(2).startsWith("$")) {
                double end = Double.parseDouble(text.group(1)) + text.group(2).length() * 7;
                assertThat(end).as("right end of \"%s\"", text.group(2)).isLessThanOrEqualTo(640);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(2);
    }

    @Test
    void longNamesAreShortenedToWhatFitsLeftOfTheBars() {
        String svg = charts.bars("Cost by model", List.of(new SvgCharts.Bar(
                "openrouter/anthropic/claude-opus-4-5-20251101-thinking", BigDecimal.ONE, "#000", "$1.00 (100%)")));

        Matcher text = TEXT.matcher(svg);
        assertThat(text.find()).isTrue();
        assertThat(text.group(2).length()).as(text.group(2)).isLessThanOrEqualTo(26);
        assertThat(text.group(2)).startsWith("openrouter/anthropic");
    }

    @Test
    void anUncappedScopeShowsNoFillAndSaysSo() {
        String svg = charts.budgets("Budget use per scope", List.of(BudgetSummary.of(new BudgetLine("global day \"x\"",
                "GLOBAL_DAY", null, new BigDecimal("3"), BigDecimal.ZERO, false))));

        assertThat(svg).contains(">no cap</text>", "$3.00 spent, no cap", "stroke-dasharray");
        assertThat(svg).doesNotContain("width=\"330\" height=\"18\" fill=\"#2e7d32\"");
    }
}
