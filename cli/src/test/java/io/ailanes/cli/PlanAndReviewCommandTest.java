package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.Responses;
import io.ailanes.engine.testing.Sse;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ai-lanes plan} then {@code ai-lanes review} against a model server on loopback. */
class PlanAndReviewCommandTest {

    static final String PLAN = """
            {"summary": "Round the page count up.",
             "steps": [{"description": "Use ceiling division.", "files": ["src/Pager.java"]}],
             "files": [{"path": "src/Pager.java", "action": "modify", "why": "the bug"}],
             "acceptanceCriteria": ["pageCount(10, 3) == 4"], "risks": [], "gates": []}""";
    static final String REVIEW = """
            {"verdict": "request_changes", "summary": "Missing a test.", "findings": [
              {"severity": "medium", "file": "src/Pager.java", "line": 2, "category": "tests",
               "message": "No test covers the fix.", "suggestion": "Add one."}]}""";

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer loopback = LoopbackServer.started();
    private final MockWebServer server = loopback.server();
    private Path config;
    private Path workspace;

    @BeforeEach
    void start() throws Exception {
        config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers:\n  - id: openai\n    kind: openai\n    baseUrl: " + server.url("/v1") + "\n"
                + "lanes:\n  - name: reasoning\n    models: [openai/gpt-5]\n  - name: review\n    models: [openai/gpt-5-mini]\n");
        workspace = Files.createDirectories(dir.resolve("ws/src")).getParent();
        Files.writeString(workspace.resolve("src/Pager.java"), "class Pager { int pages(int n, int s) { return n / s; } }\n");
    }

    private CliTestSupport.Run run(String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--provider-config", config.toString(), "--out", dir.resolve("out").toString(),
                "--ledger", dir.resolve("ledger.jsonl").toString()}, 0, all, args.length, 6);
        return CliTestSupport.run(all);
    }

    @Test
    void planThenReviewWriteTheirArtifactsAndTheReviewSetsTheExitCode() throws Exception {
        server.enqueue(Responses.sse(Sse.answer(PLAN, 800, 120)));
        var plan = run("plan", "--task", "Fix the page count in src/Pager.java", "--workspace", workspace.toString(),
                "--context", "src/**");
        assertThat(plan.exit()).as(plan.err()).isZero();
        Path planJson = dir.resolve("out/plan.json");
        assertThat(plan.out()).contains("plan: " + planJson, "(1 file, 1 step, ", " acceptance criteri", "; sha256 ");
        assertThat(Files.readString(dir.resolve("out/plan.md"))).contains("Round the page count up.");
        JsonNode planRequest = Json.tryParse(server.takeRequest().getBody().utf8()).orElseThrow();
        assertThat(planRequest.path("model").asText()).isEqualTo("gpt-5");
        assertThat(planRequest.at("/messages/1/content").asText()).contains("label=\"file src/Pager.java\"");

        Path diff = dir.resolve("changes.patch");
        Files.writeString(diff, "--- a/src/Pager.java\n+++ b/src/Pager.java\n@@ -1 +1 @@\n-return n / s;\n+return (n + s - 1) / s;\n");
        server.enqueue(Responses.sse(Sse.answer(REVIEW, 900, 90)));
        var review = run("review", "--plan", planJson.toString(), "--diff", diff.toString(), "--fail-on", "medium");
        assertThat(review.exit()).as(review.err()).isEqualTo(1);
        assertThat(review.out()).contains("review: changes requested by openai/gpt-5-mini: 0 high, 1 medium, 0 low");
        assertThat(Json.tryParse(Files.readString(dir.resolve("out/review.sarif"))).orElseThrow().at("/runs/0/results/0/level").asText())
                .isEqualTo("warning");

        server.enqueue(Responses.sse(Sse.answer(REVIEW, 900, 90)));
        assertThat(run("review", "--plan", planJson.toString(), "--diff", diff.toString(), "--fail-on", "high").exit()).isZero();

        var cost = Json.tryParse(Files.readString(dir.resolve("out/cost.json"))).orElseThrow();
        assertThat(cost.at("/totals/attempts").asLong()).as("plan and both reviews in one audit").isEqualTo(3);
    }

    @Test
    void reviewNeedsExactlyOneSourceOfTheChange() throws Exception {
        Files.writeString(dir.resolve("plan.json"), PLAN);
        var run = run("review", "--plan", dir.resolve("plan.json").toString());
        assertThat(run.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("either with --diff FILE or with --base REF");
    }

    @Test
    void anInvalidPlanFileIsRefusedWithItsProblems() throws Exception {
        Files.writeString(dir.resolve("plan.json"), "{\"summary\": \"x\"}");
        Files.writeString(dir.resolve("d.patch"), "");
        var run = run("review", "--plan", dir.resolve("plan.json").toString(), "--diff", dir.resolve("d.patch").toString());
        assertThat(run.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("is not a valid plan", "required property 'steps' not found");
        assertThat(server.getRequestCount()).isZero();
    }
}
