package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ailanes.engine.budget.Usd;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.config.AiLanesGlobalConfiguration;
import io.ailanes.jenkins.config.ModelEntry;
import io.ailanes.modelserver.ModelServer;
import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The job page compares the same builds as the forecast, as routed, against all on the premium model (the reasoning
 * lane's primary, local/planner) and all on the cheap one (local/chat, the cheaper of the two models the builds
 * used). Every expected figure is recomputed here from the tokens each build's archived audit records and the
 * per-million prices {@link Fixture} configures (planner $15 in, $75 out; chat $0.1 in, $0.4 out), not through the
 * engine's pricing; the model server, without its prompt cache ({@link Fixture#start}), reports input and output
 * tokens only.
 */
@WithJenkins
class JobComparisonTest {

    /** One call on the cheap chat lane and one on the reasoning lane: the builds used two models. */
    private static final String TWO_CALLS = "node {\n"
            + "  aiCall prompt: 'Say hello to build ' + env.BUILD_NUMBER, lane: 'chat'\n"
            + "  aiCall prompt: 'Think hard about build ' + env.BUILD_NUMBER + ', twice', lane: 'reasoning'\n}\n";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private ModelServer provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    private static WorkflowJob job(JenkinsRule r, String name) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(TWO_CALLS, true));
        return p;
    }

    private static Path audit(WorkflowRun build) {
        return new File(build.getArtifactsDir(), "ai-lanes/audit.jsonl").toPath();
    }

    /** A build's figures by hand: recorded costs, and its recorded tokens at the configured rates. */
    private record Expected(BigDecimal paid, BigDecimal premium, BigDecimal cheap) {

        BigDecimal saving() {
            return premium.subtract(paid);
        }

        String savingPercent() {
            return saving().multiply(BigDecimal.valueOf(100)).divide(premium, 2, RoundingMode.HALF_EVEN).toPlainString()
                    + "%";
        }

        Expected plus(Expected other) {
            return new Expected(paid.add(other.paid), premium.add(other.premium), cheap.add(other.cheap));
        }
    }

    private static BigDecimal at(long input, long output, String inputRate, String outputRate) {
        return new BigDecimal(inputRate).multiply(BigDecimal.valueOf(input))
                .add(new BigDecimal(outputRate).multiply(BigDecimal.valueOf(output))).divide(MILLION);
    }

    private static Expected byHand(WorkflowRun build) throws Exception {
        BigDecimal paid = BigDecimal.ZERO;
        BigDecimal premium = BigDecimal.ZERO;
        BigDecimal cheap = BigDecimal.ZERO;
        List<String> models = new ArrayList<>();
        for (String line : Files.readAllLines(audit(build), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = JSON.readTree(line);
            if (entry.path("attributes").has("event")) {
                continue; // a policy event, not a call
            }
            assertEquals("local/planner", entry.path("attributes").path("premium").asText(), line);
            JsonNode tokens = entry.path("tokens");
            for (String kind : List.of("cacheRead", "cacheWrite", "cacheWrite1h", "reasoning")) {
                assertEquals(0, tokens.path(kind).asLong(), "the model server reports no " + kind + ": " + line);
            }
            long input = tokens.path("input").asLong();
            long output = tokens.path("output").asLong();
            assertTrue(input > 0 && output > 0, line);
            models.add(entry.path("provider").asText() + "/" + entry.path("model").asText());
            paid = paid.add(new BigDecimal(entry.path("costUsd").asText()));
            premium = premium.add(at(input, output, "15", "75"));
            cheap = cheap.add(at(input, output, "0.1", "0.4"));
        }
        assertEquals(List.of("local/chat", "local/planner"), models);
        AiLanesRunAction action = build.getAction(AiLanesRunAction.class);
        assertNotNull(action);
        assertEquals(0, action.cost().compareTo(paid), "the audit's costs are what the build recorded");
        return new Expected(paid, premium, cheap);
    }

    /** The page's HTML with the blanks between tags taken out. */
    private static String page(JenkinsRule r, WorkflowJob p) throws Exception {
        return r.createWebClient().getPage(p).getWebResponse().getContentAsString().replaceAll(">\\s+<", "><");
    }

    @Test
    void theJobPageComparesEachVerifiedBuildWithAllPremiumAndAllCheapAndLeavesATamperedOneOut(JenkinsRule r)
            throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
        Fixture.configure(provider);
        WorkflowJob p = job(r, "compared");
        List<WorkflowRun> builds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            builds.add(r.buildAndAssertSuccess(p));
        }

        // Build 2's archived audit made cheaper by hand: its hash chain no longer verifies.
        WorkflowRun tampered = builds.get(1);
        String text = Files.readString(audit(tampered), StandardCharsets.UTF_8);
        String edited = text.replaceFirst("\"output\":(\\d+)", "\"output\":0");
        assertFalse(edited.equals(text), text);
        Files.writeString(audit(tampered), edited, StandardCharsets.UTF_8);

        String page = page(r, p);
        assertTrue(page.contains("Routed vs all-premium and all-cheap"), page);
        assertTrue(page.contains("3 builds compared"), page);
        assertTrue(page.contains("Left out of the comparison: #" + tampered.getNumber() + ": does not verify: line 1 was edited"),
                page);

        Expected total = new Expected(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        for (WorkflowRun build : builds) {
            if (build == tampered) {
                assertFalse(page.contains("<td>#" + build.getNumber() + "</td>"), page);
                continue;
            }
            Expected e = byHand(build);
            total = total.plus(e);
            // Each model's tokens priced on the other family's model: the [tokens] assumption applies to both.
            String row = "<tr><td>#" + build.getNumber() + "</td><td>" + Usd.readable(e.paid()) + "</td><td>"
                    + Usd.readable(e.premium()) + " [tokens]</td><td>" + Usd.readable(e.cheap()) + " [tokens]</td><td>"
                    + e.savingPercent() + "</td></tr>";
            assertTrue(page.contains(row), row + "\n" + page);
        }
        String totalRow = "<tr><th>Total</th><th>" + Usd.readable(total.paid()) + "</th><th>"
                + Usd.readable(total.premium()) + " [tokens]</th><th>" + Usd.readable(total.cheap()) + " [tokens]</th><th>"
                + total.savingPercent() + "</th></tr>";
        assertTrue(page.contains(totalRow), totalRow + "\n" + page);
        assertTrue(page.contains("paid " + Usd.readable(total.paid()) + " (recorded costs;"), page);
        assertTrue(page.contains("Saving against all-premium: +" + Usd.readable(total.saving()) + " ("
                + total.savingPercent() + ")"), page);
        assertTrue(page.contains("<b>all-premium=local/planner</b>: " + Usd.readable(total.premium())), page);
        assertTrue(page.contains("<b>all-cheap=local/chat</b>: " + Usd.readable(total.cheap())), page);
        assertTrue(page.contains("<b>[tokens]</b> Same token counts"), page);
        assertTrue(page.contains("the prices configured under Models, else the bundled catalog"), page);
    }

    @Test
    void aPremiumModelWithoutAPriceIsSaidNotGuessed(JenkinsRule r) throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
        Fixture.configure(provider);
        WorkflowJob p = job(r, "unpriced");
        r.buildAndAssertSuccess(p);
        r.buildAndAssertSuccess(p);

        // The premium model's price taken out of the configuration after the builds ran.
        AiLanesGlobalConfiguration config = AiLanesGlobalConfiguration.get();
        List<ModelEntry> models = new ArrayList<>(config.getModels());
        assertTrue(models.removeIf(m -> m.getRef().equals("local/planner")));
        config.setModels(models);

        String page = page(r, p);
        assertTrue(page.contains("No comparison: no price for "), page);
        assertTrue(page.contains("local/planner"), page);
        assertFalse(page.contains("<b>all-premium="), page);
    }
}
