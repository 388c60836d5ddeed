package io.ailanes.engine.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.budget.InMemoryLedgerStore;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.gate.JUnitReports;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.option.FailOn;
import io.ailanes.engine.plan.Plan;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.Console;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.Responses;
import io.ailanes.engine.testing.Sse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReviewerTest {

    static final String REVIEW = """
            {"verdict": "request_changes", "summary": "The fix works but the test is weak.",
             "findings": [
               {"severity": "low", "file": "src/Pager.java", "line": 3, "category": "style", "message": "Name the magic number.", "suggestion": ""},
               {"severity": "medium", "file": "src/PagerTest.java", "line": 7, "category": "tests", "message": "No test for zero items.", "suggestion": "Add pageCount(0, 3) == 0."}
             ]}""";

    private static final Plan PLAN = new Plan("Fix pageCount.", List.of(new Plan.Step("Round up.", List.of("src/Pager.java"))),
            List.of(new Plan.FileChange("src/Pager.java", "modify", "bug")), List.of("pageCount(10, 3) == 4"), List.of(),
            List.of());

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer anthropicLikeLoopback = LoopbackServer.started();
    @RegisterExtension
    final LoopbackServer openaiLoopback = LoopbackServer.started();
    private final MockWebServer anthropicLike = anthropicLikeLoopback.server();
    private final MockWebServer openai = openaiLoopback.server();
    private AiRun run;

    @BeforeEach
    void start() throws Exception {
        Path config = dir.resolve("ai-lanes.yaml");
        // The review lane's first model is the implementer's family (deepseek): diversity skips it.
        Files.writeString(config, "providers:\n"
                + "  - id: deepseek\n    kind: openai\n    baseUrl: " + anthropicLike.url("/v1") + "\n"
                + "  - id: openai\n    kind: openai\n    baseUrl: " + openai.url("/v1") + "\n"
                + "lanes:\n  - name: review\n    models: [deepseek/deepseek-chat, openai/gpt-5]\n");
        run = openaiLoopback.closeAfter(AiRun.open(ConfigLoader.read(config), config, name -> Optional.empty(),
                new AiRun.Options("job#7", "job", dir.resolve("out"), null, AuditMode.HASHES, new InMemoryLedgerStore(),
                        Console.NONE, Clock.systemUTC())));
    }

    private Reviewer.Result review(FailOn failOn) throws Exception {
        return new Reviewer(run, Redactor.of()).review(new Reviewer.Request(PLAN, "abc123",
                        "--- a/src/Pager.java\n+++ b/src/Pager.java\n@@ -1 +1 @@\n-return items / size;\n+return (items + size - 1) / size;\n",
                        null, "deepseek", failOn, 2_000, 200),
                dir.resolve("out"), CallListener.NONE, Cancellation.none());
    }

    @Test
    void aModelOfTheImplementersFamilyIsSkippedAndFindingsAreExported() throws Exception {
        openai.enqueue(Responses.sse(Sse.answer(REVIEW, 1200, 180)));

        Reviewer.Result result = review(FailOn.MEDIUM);

        assertThat(anthropicLike.getRequestCount()).as("same family as the implementer").isZero();
        assertThat(result.model()).isEqualTo("openai/gpt-5");
        assertThat(result.calls().get(0).decisions()).extracting(Object::toString)
                .contains("review: deepseek/deepseek-chat skipped, same family as the implementer (deepseek)");
        assertThat(result.review().findings()).extracting(Review.Finding::severity).containsExactly("medium", "low");
        assertThat(result.failed()).isTrue();

        JsonNode sarif = Json.tryParse(Files.readString(result.sarif())).orElseThrow();
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode first = sarif.at("/runs/0/results/0");
        assertThat(first.path("level").asText()).isEqualTo("warning");
        assertThat(first.path("ruleId").asText()).isEqualTo("tests");
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("src/PagerTest.java");
        assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(7);
        assertThat(first.at("/message/text").asText()).contains("No test for zero items.", "Suggestion: Add pageCount(0, 3) == 0.");
        assertThat(sarif.at("/runs/0/properties/planSha256").asText()).isEqualTo("abc123");

        var junit = JUnitReports.read(dir.resolve("out"), "review.xml", 0);
        assertThat(junit.tests()).isEqualTo(2);
        assertThat(junit.failures()).as("only the medium finding fails at failOn medium").isEqualTo(1);
    }

    @Test
    void failOnSetsTheThreshold() throws Exception {
        openai.enqueue(Responses.sse(Sse.answer(REVIEW, 1200, 180)));
        assertThat(review(FailOn.HIGH).failed()).isFalse();
        openai.enqueue(Responses.sse(Sse.answer(REVIEW, 1200, 180)));
        assertThat(review(FailOn.LOW).failed()).isTrue();
        openai.enqueue(Responses.sse(Sse.answer(REVIEW, 1200, 180)));
        assertThat(review(FailOn.NEVER).failed()).isFalse();
        assertThatThrownBy(() -> FailOn.of("critical")).hasMessageContaining("high, medium, low or never");
    }

    @Test
    void anInvalidReviewIsRepairedOnceThenFails() {
        openai.enqueue(Responses.sse(Sse.answer("{\"verdict\": \"maybe\"}", 1200, 10)));
        openai.enqueue(Responses.sse(Sse.answer("{\"verdict\": \"approve\"}", 1200, 10)));

        assertThatThrownBy(() -> review(FailOn.HIGH))
                .isInstanceOf(ReviewException.class)
                .hasMessageContaining("no valid review after one repair")
                .hasMessageContaining("required property 'findings' not found");
    }
}
