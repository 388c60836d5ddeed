package io.ailanes.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.provider.Usage;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** report.html: self-contained, escaped, capped, and saying the right things in words. */
class HtmlReportWriterTest {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String QUOTES = "\"'&";
    private static final String SVG_BREAK = "</svg><img src=x onerror=alert(2)><svg>";

    static String html(CostReport report) throws IOException {
        StringWriter out = new StringWriter();
        new HtmlReportWriter().write(report, out);
        return out.toString();
    }

    private static int occurrences(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void escapeCoversMarkupAndAttributes() {
        assertThat(Html.escape(SCRIPT)).isEqualTo("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(Html.escape(QUOTES)).isEqualTo("&quot;&#39;&amp;");
        assertThat(Html.escape("a\u0000b\u001bc\td\ne\u007f")).isEqualTo("abc\td\ne");
        assertThat(Html.escape("plain text")).isSameAs("plain text".toString());
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escapeShort("<abcdefgh>", 5)).isEqualTo("&lt;abc\u2026");
        assertThat(Html.escapeShort("ab\uD83D\uDE00cd", 4)).isEqualTo("ab\u2026"); // never half an emoji
    }

    @Test
    void modelProducedTextCannotInjectMarkup() throws IOException {
        String evilModel = "evil/" + SCRIPT + QUOTES + SVG_BREAK;
        String evilError = "upstream said " + SCRIPT + " and " + QUOTES + SVG_BREAK;
        String evilLane = "lane" + SVG_BREAK;
        List<ReportCall> calls = List.of(
                new ReportCall(1, Calls.T0, "id" + SCRIPT, 1, "step" + QUOTES, evilLane, evilModel, "fam" + SCRIPT,
                        "FAILED", new Usage(10, 0, 0, 0, 5, 0), new BigDecimal("0.001"), 10, null, evilError,
                        "reason" + SVG_BREAK),
                new ReportCall(2, Calls.T0.plusSeconds(5), "id2", 1, "plan", "reasoning", evilModel, null,
                        "SUCCEEDED", new Usage(10, 0, 0, 0, 5, 0), new BigDecimal("0.002"), 10, 2, null,
                        "r" + SCRIPT));
        CostReport report = new CostReportBuilder()
                .runInfo("run" + SCRIPT, "title " + SVG_BREAK + QUOTES, null, null)
                .counterfactual(new Counterfactual("premium/" + SCRIPT, u -> BigDecimal.ONE))
                .budgets(List.of(new BudgetLine("build \"" + SCRIPT + "\"", "BUILD" + SVG_BREAK, BigDecimal.ONE,
                        new BigDecimal("0.003"), BigDecimal.ZERO, false)))
                .add(calls.get(0)).add(calls.get(1)).build();
        String html = html(report);

        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img")
                .doesNotContain("'&\"").doesNotContain("\"'&");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&#39;&amp;",
                "&lt;/svg&gt;&lt;img src=x onerror=alert(2)&gt;&lt;svg&gt;", "upstream said &lt;script&gt;");
        // Structure intact: every chart closes once, the table rows and the document end where they should.
        assertThat(occurrences(html, "<svg ")).isEqualTo(occurrences(html, "</svg>")).isEqualTo(5);
        assertThat(occurrences(html, "<table>")).isEqualTo(occurrences(html, "</table>"));
        assertThat(html).endsWith("</body></html>\n");
        // No attribute was broken out of: every quote in a tag pairs up.
        Matcher tags = Pattern.compile("<[a-zA-Z][^>]*>").matcher(html);
        while (tags.find()) {
            assertThat(occurrences(tags.group(), "\"") % 2).as(tags.group()).isZero();
            assertThat(tags.group()).doesNotContain("onerror");
        }
    }

    @Test
    void selfContainedWithoutScriptsOrRemoteUrls() throws IOException {
        String html = html(SampleRun.report());
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("src=").doesNotContain("<link").doesNotContain("@import").doesNotContain("url(");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">")
                .contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"")
                .contains("@media print");
    }

    @Test
    void summaryReadsInPlainWords() throws IOException {
        String html = html(SampleRun.report());
        assertThat(html).contains("<div class=\"k\">Total cost</div><div class=\"v\">$0.3873</div>");
        assertThat(html).contains("<div class=\"k\">Saved vs. all-premium</div><div class=\"v\">$0.8031</div>");
        assertThat(html).contains("This run made 7 model calls (8 attempts) and cost $0.3873 in total. Had the same "
                + "token volumes run on anthropic/claude-opus-4-5 at its own prices, they would have cost $1.19, "
                + "so the lanes saved $0.8031 (67.5%).");
        assertThat(html).contains("No budget cap was exceeded; the fullest scope, global day &quot;2026-03-02&quot;, "
                + "used 83.1% of its $500.00 cap.");
    }

    @Test
    void overrunAndExtraCostAreSaidPlainly() throws IOException {
        CostReport r = Calls.report(new Counterfactual("cheap/model", u -> new BigDecimal("0.001")),
                List.of(new BudgetLine("step \"plan\"", "STEP", new BigDecimal("0.01"), new BigDecimal("0.0123456"),
                        BigDecimal.ZERO, true)), Calls.six());
        String html = html(r);
        assertThat(html).contains("<div class=\"k\">Extra cost vs. all-premium</div><div class=\"v\">$0.009986</div>",
                "249.6% more than $0.004 on cheap/model", "One budget was overrun: step &quot;plan&quot;.",
                "<td class=\"over\">OVERRUN</td>", "1 call did not succeed.",
                "<td>step &quot;plan&quot;</td><td>step</td>");
        assertThat(html).as("scope kinds read as words").doesNotContain("<td>STEP</td>");
    }

    @Test
    void aRunWhoseOnlyCallFailedIsNotShownGreen() throws IOException {
        CostReport r = Calls.report(null, List.of(new BudgetLine("build \"b#1\"", "BUILD", new BigDecimal("5"),
                BigDecimal.ZERO, BigDecimal.ZERO, false)), List.of(Calls.call(1, "a", 1, "plan", "reasoning",
                "anthropic/claude-opus-4-5", "FAILED", io.ailanes.engine.provider.Usage.ZERO, "0", 10, null, "HTTP 500")));

        String html = html(r);

        assertThat(html).contains("<div class=\"card \"><div class=\"k\">Budgets</div><div class=\"v\">Within caps</div>",
                "no call succeeded").doesNotContain("card good\"><div class=\"k\">Budgets");
    }

    @Test
    void callsTableIsCappedAndTimelineDownsampled() throws IOException {
        CostReportBuilder b = new CostReportBuilder().runInfo("big", "big run", null, null);
        Instant t0 = Instant.parse("2026-02-01T00:00:00Z");
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            b.add(new ReportCall(i, t0.plusMillis(i * 700L), "c" + i, 1, "implement", i % 3 == 0 ? "reasoning"
                    : "execution", "m/" + (i % 4), null, "SUCCEEDED", new Usage(100, 50, 0, 0, 20, 0),
                    new BigDecimal("0.00" + (1 + i % 9)), 100, null, null, null));
        }
        String html = html(b.build());
        int tableStart = html.indexOf("<h2>Calls</h2>");
        assertThat(html).contains("Showing the first 250 and the last 250 of 5,000 attempts; cost.json lists every"
                + " attempt.");
        // header, the first 250, the gap, the last 250
        assertThat(occurrences(html.substring(tableStart), "<tr>")).isEqualTo(502);
        assertThat(html).contains("… 4,500 attempts not shown: see cost.json …", "<td class=\"n\">4999</td>")
                .doesNotContain("<td class=\"n\">250</td>");
        String timeline = html.substring(html.indexOf("<figcaption>Timeline of calls"));
        timeline = timeline.substring(0, timeline.indexOf("</svg>"));
        int dots = occurrences(timeline, "<circle") - 3; // three legend dots
        assertThat(dots).isPositive().isLessThanOrEqualTo(SvgCharts.TIMELINE_SLICES * 2);
        assertThat(html).contains("each dot is the mean cost of one lane");
        assertThat(html.length()).isLessThan(600_000);
    }

    @Test
    void smallRunsPlotEveryAttempt() throws IOException {
        String html = html(SampleRun.report());
        String timeline = html.substring(html.indexOf("<figcaption>Timeline of calls"));
        timeline = timeline.substring(0, timeline.indexOf("</svg>"));
        assertThat(occurrences(timeline, "<circle") - 3).isEqualTo(8);
        assertThat(occurrences(timeline, "fill=\"#ffffff\" stroke=\"" + Palette.EXECUTION)).isEqualTo(1); // the 503
    }

    @Test
    void moneyReadsToTheCentOrFourDigits() {
        assertThat(ReportFormat.usd(new BigDecimal("1234.5678"))).isEqualTo("$1,234.57");
        assertThat(ReportFormat.usd(new BigDecimal("0.3873238"))).isEqualTo("$0.3873");
        assertThat(ReportFormat.usd(new BigDecimal("0.0000000123"))).isEqualTo("$0.00");
        assertThat(ReportFormat.usd(new BigDecimal("0.000375"))).isEqualTo("$0.000375");
        assertThat(ReportFormat.usd(new BigDecimal("0.5"))).isEqualTo("$0.50");
        assertThat(ReportFormat.usd(new BigDecimal("-2"))).isEqualTo("-$2.00");
        assertThat(ReportFormat.usd(BigDecimal.ZERO)).isEqualTo("$0.00");
        assertThat(ReportFormat.duration(412_000)).isEqualTo("6 min 52 s");
        assertThat(ReportFormat.duration(41_200)).isEqualTo("41.2 s");
        assertThat(SvgCharts.num(-0.04)).isEqualTo("0");
        assertThat(SvgCharts.num(-0.5)).isEqualTo("-0.5");
        assertThat(SvgCharts.num(12.34)).isEqualTo("12.3");
        assertThat(SvgCharts.niceStep(0.0716)).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    }
}
