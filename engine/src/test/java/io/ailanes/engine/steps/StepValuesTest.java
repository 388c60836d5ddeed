package io.ailanes.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.lane.ModelRef;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.lane.RoutedResponse;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.plan.Planner;
import io.ailanes.engine.price.Cost;
import io.ailanes.engine.provider.ChatResponse;
import io.ailanes.engine.provider.FinishReason;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.review.Review;
import io.ailanes.engine.review.Reviewer;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The values steps return to pipelines: the contract's keys, plain types only, serializable. */
class StepValuesTest {

    private static RoutedResponse answer(String cost) {
        BigDecimal total = new BigDecimal(cost);
        return new RoutedResponse(new ModelRef("anthropic", "claude-opus-4-5"), "anthropic",
                new ChatResponse("anthropic", "claude-opus-4-5", "id", "{}", FinishReason.values()[0], "stop", Usage.ZERO,
                        Duration.ofMillis(5), 1),
                new Cost(total, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, total), List.of());
    }

    private static final Plan PLAN = new Plan("Fix the pager.",
            List.of(new Plan.Step("Round up.", List.of("src/Pager.java"))),
            List.of(new Plan.FileChange("src/Pager.java", "modify", "the bug")), List.of("pageCount(10, 3) == 4"),
            List.of("none"), List.of(new Plan.SuggestedGate("test", "mvn -q test")));

    @Test
    void aPlanBecomesTheContractsMap() throws Exception {
        Planner.Result result = new Planner.Result(PLAN, "abc123", Path.of("x/plan.json"), Path.of("x/plan.md"),
                List.of(answer("0.0120"), answer("0.0030")), List.of());

        Map<String, Object> map = StepValues.plan(result, "ai-lanes/");

        assertThat(map).containsEntry("summary", "Fix the pager.").containsEntry("sha256", "abc123")
                .containsEntry("planJson", "ai-lanes/plan.json").containsEntry("planMd", "ai-lanes/plan.md")
                .containsEntry("costUsd", "0.015");
        assertThat(map.get("steps")).isEqualTo(List.of(Map.of("description", "Round up.", "files", List.of("src/Pager.java"))));
        assertThat(map.get("files")).isEqualTo(List.of(Map.of("path", "src/Pager.java", "action", "modify", "why", "the bug")));
        assertThat(map.get("gates")).isEqualTo(List.of(Map.of("name", "test", "command", "mvn -q test")));
        assertThat(map.get("acceptanceCriteria")).isEqualTo(List.of("pageCount(10, 3) == 4"));
        assertPlain(map);
    }

    @Test
    void anImplementationBecomesTheContractsMap() throws Exception {
        String patch = "--- a/src/Pager.java\n+++ b/src/Pager.java\n@@ -1 +1,2 @@\n-a\n+b\n+c\n";
        Implementer.Result result = new Implementer.Result(true, List.of(
                new Implementer.Round(1, "execution", "deepseek/deepseek-chat", Implementer.RoundOutcome.GATES_FAILED,
                        List.of("src/Pager.java"), List.of(), List.of()),
                new Implementer.Round(2, "execution", "deepseek/deepseek-chat", Implementer.RoundOutcome.PASSED,
                        List.of("src/Pager.java"), List.of(), List.of())),
                false, "execution", "deepseek/deepseek-chat", "deepseek", List.of("src/Pager.java"), patch, 2, 1, false, null,
                Path.of("changes.patch"), Path.of("gates.xml"), new BigDecimal("0.00200"));

        Map<String, Object> map = StepValues.implement(result, "out");

        assertThat(map).containsEntry("passed", true).containsEntry("rounds", 2).containsEntry("escalated", false)
                .containsEntry("lane", "execution").containsEntry("model", "deepseek/deepseek-chat")
                .containsEntry("family", "deepseek").containsEntry("linesAdded", 2).containsEntry("linesRemoved", 1)
                .containsEntry("patch", "out/changes.patch").containsEntry("gatesXml", "out/gates.xml")
                .containsEntry("costUsd", "0.002").containsEntry("failure", null);
        assertThat(map.get("filesChanged")).isEqualTo(List.of("src/Pager.java"));
        assertPlain(map);
    }

    @Test
    void aReviewBecomesTheContractsMapWithAHyphenatedVerdict() throws Exception {
        Review review = new Review("request_changes", "One bug.", List.of(
                new Review.Finding("high", "src/Pager.java", 3, "correctness", "Off by one.", "Round up."),
                new Review.Finding("low", "src/Pager.java", 1, "style", "Name.", "")));
        Reviewer.Result result = new Reviewer.Result(review, true, "openai/gpt-5", List.of(answer("0.01")),
                Path.of("review.json"), Path.of("review.sarif"), Path.of("review.xml"));

        Map<String, Object> map = StepValues.review(result, "ai-lanes");

        assertThat(map).containsEntry("verdict", "request-changes").containsEntry("failed", true)
                .containsEntry("model", "openai/gpt-5").containsEntry("sarif", "ai-lanes/review.sarif")
                .containsEntry("junit", "ai-lanes/review.xml").containsEntry("costUsd", "0.01");
        assertThat(map.get("counts")).isEqualTo(Map.of("high", 1, "medium", 0, "low", 1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) map.get("findings");
        assertThat(findings.get(0)).containsEntry("severity", "high").containsEntry("line", 3)
                .containsEntry("suggestion", "Round up.");
        assertPlain(map);
    }

    @Test
    void amountsArePlainDecimalsAndPathsAreJoined() {
        assertThat(StepValues.usd(new BigDecimal("0E-7"))).isEqualTo("0");
        assertThat(StepValues.usd(new BigDecimal("1.50"))).isEqualTo("1.5");
        assertThat(StepValues.usd(new BigDecimal("1E+1"))).isEqualTo("10");
        assertThat(StepValues.path(null, "report.html")).isEqualTo("ai-lanes/report.html");
        assertThat(StepValues.path(".", "report.html")).isEqualTo("report.html");
    }

    /** Only the types a CPS program may hold: collections the JDK ships, strings, numbers, booleans, nulls. */
    private static void assertPlain(Object value) throws Exception {
        if (value instanceof Map<?, ?> map) {
            assertThat(map).isInstanceOf(LinkedHashMap.class);
            for (Object v : map.values()) {
                assertPlain(v);
            }
        } else if (value instanceof List<?> list) {
            assertThat(list).isInstanceOf(ArrayList.class);
            for (Object v : list) {
                assertPlain(v);
            }
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Integer.class, Boolean.class);
        }
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject((Serializable) value);
        }
    }
}
