package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.testing.LoopbackServer;
import io.ailanes.engine.testing.Responses;
import io.ailanes.engine.testing.Sse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --risk-class critical} whose bundle allows only {@code eu}, over two model servers on loopback: the one
 * declared in {@code cn} never receives a request, the skip names the class, and a lane with no model in {@code eu}
 * fails before anything is sent, saying which setting to change.
 */
class RiskRegionsCommandTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer cnLoopback = LoopbackServer.started();
    @RegisterExtension
    final LoopbackServer euLoopback = LoopbackServer.started();
    private final MockWebServer cn = cnLoopback.server();
    private final MockWebServer eu = euLoopback.server();
    private Path config;
    private Path workspace;

    @BeforeEach
    void start() throws Exception {
        workspace = Files.createDirectories(dir.resolve("ws/src")).getParent();
        Files.writeString(workspace.resolve("src/Pager.java"), "class Pager { int pages(int n, int s) { return n / s; } }\n");
    }

    private void configure(String reasoningModels) throws Exception {
        config = dir.resolve("ai-lanes.yaml");
        Files.writeString(config, "providers:\n"
                + "  - id: deepseek\n    kind: openai\n    baseUrl: " + cn.url("/v1") + "\n    dataRegion: cn\n"
                + "    retry: {maxAttempts: 1}\n"
                + "  - id: openai\n    kind: openai\n    baseUrl: " + eu.url("/v1") + "\n    dataRegion: eu\n"
                + "    retry: {maxAttempts: 1}\n"
                + "lanes:\n  - name: reasoning\n    models: " + reasoningModels + "\n"
                + "riskClasses:\n  - name: critical\n    allowedRegions: [eu]\n");
    }

    private CliTestSupport.Run plan(String... extra) {
        List<String> all = new ArrayList<>(List.of("plan", "--task", "Fix the page count in src/Pager.java",
                "--workspace", workspace.toString(), "--provider-config", config.toString(),
                "--out", dir.resolve("out").toString(), "--ledger", dir.resolve("ledger.jsonl").toString()));
        all.addAll(List.of(extra));
        return CliTestSupport.run(all.toArray(String[]::new));
    }

    @Test
    void aCriticalRunNeverCallsTheProviderInCnAndSaysWhy() throws Exception {
        configure("[deepseek/deepseek-chat, openai/gpt-5]");
        eu.enqueue(Responses.sse(Sse.answer(PlanAndReviewCommandTest.PLAN, 800, 120)));

        CliTestSupport.Run run = plan("--risk-class", "critical");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cn.getRequestCount()).as("the provider in cn gets no request").isZero();
        assertThat(eu.getRequestCount()).isEqualTo(1);
        assertThat(run.err()).contains("reasoning: deepseek/deepseek-chat skipped, provider deepseek processes data in cn,"
                + " outside policy.allowedRegions [eu] (set by risk class critical)");
        assertThat(run.err()).contains("effective configuration (file " + config + " > risk class critical):",
                "allowedRegions [eu] (risk class critical)");
        JsonNode cost = Json.tryParse(Files.readString(dir.resolve("out/cost.json"))).orElseThrow();
        List<String> decisions = new ArrayList<>();
        cost.at("/risk/decisions").forEach(d -> decisions.add(d.get("kind").asText() + " " + d.get("message").asText()));
        assertThat(decisions).contains("RISK_REGIONS data regions narrowed to [eu] (allowed before: any): class critical"
                + " allows only eu (riskClasses: allowedRegions)");
        assertThat(cost.at("/residency/allowedRegions").toString()).isEqualTo("[\"eu\"]");
    }

    @Test
    void theSameRunUnderAClassWithoutRegionsCallsTheFirstModel() throws Exception {
        configure("[deepseek/deepseek-chat, openai/gpt-5]");
        cn.enqueue(Responses.sse(Sse.answer(PlanAndReviewCommandTest.PLAN, 800, 120)));

        CliTestSupport.Run run = plan("--risk-class", "high");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(cn.getRequestCount()).isEqualTo(1);
        assertThat(eu.getRequestCount()).isZero();
        assertThat(run.err()).doesNotContain("skipped", "risk class critical");
    }

    @Test
    void aLaneWithNoModelTheClassAllowsFailsNamingTheClassAndNothingIsSent() throws Exception {
        configure("[deepseek/deepseek-chat]");

        CliTestSupport.Run run = plan("--risk-class", "critical");

        assertThat(run.exit()).as(run.err()).isEqualTo(AiLanes.PROVIDER);
        assertThat(run.err()).contains("every model of the lane is outside policy.allowedRegions (set by risk class"
                + " critical), so nothing was sent", "or allow its region in allowedRegions of risk class critical"
                + " (riskClasses; in Jenkins, the risk class's Allowed data regions), or run the job under another"
                + " risk class");
        assertThat(cn.getRequestCount()).isZero();
        assertThat(eu.getRequestCount()).isZero();
    }

    @Test
    void aClassWhoseRegionsTheConfigurationDoesNotAllowFailsBeforeTheRun() throws Exception {
        configure("[openai/gpt-5]");
        Files.writeString(config, Files.readString(config) + "policy:\n  allowedRegions: [us]\n");

        CliTestSupport.Run run = plan("--risk-class", "critical");

        assertThat(run.exit()).isEqualTo(AiLanes.USAGE);
        assertThat(run.err()).contains("risk class 'critical' allows data regions [eu], none of which file " + config
                + " allows [us]: no provider could be called");
        assertThat(cn.getRequestCount() + eu.getRequestCount()).isZero();
        assertThat(dir.resolve("out/audit.jsonl")).as("the run never opened").doesNotExist();
    }
}
