package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ailanes.engine.budget.Usd;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.modelserver.ModelServer;
import java.io.File;
import java.math.BigDecimal;
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
 * The forecast in Jenkins: {@code withAiBudget} compares its cap with the p95 of the job's previous builds (their
 * archived audits, re-priced at the configured prices) in the build log, and the job page shows the forecast. The
 * expected figures are recomputed here from the builds' recorded costs (the prices did not change between the
 * builds and the forecast, so today's price of each build is what it cost).
 */
@WithJenkins
class ForecastTest {

    private static final String ONE_CALL = "node {\n  withAiBudget(usd: 5) {\n"
            + "    aiCall prompt: 'Say hello to build ' + env.BUILD_NUMBER, lane: 'chat'\n  }\n}\n";

    private ModelServer provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    private static WorkflowJob job(JenkinsRule r, String name, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void tooLittleHistoryIsSaidInTheLogAndOnTheJobPage(JenkinsRule r) throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
        Fixture.configure(provider);
        WorkflowJob p = job(r, "short", ONE_CALL);

        WorkflowRun first = r.buildAndAssertSuccess(p);
        r.assertLogContains("[ai-lanes] withAiBudget: no p95 to check the cap against: not enough history: 0 builds, need 20",
                first);
        WorkflowRun second = r.buildAndAssertSuccess(p);
        r.assertLogContains("not enough history: 1 build, need 20", second);
        assertTrue(second.getArtifactManager().root().child("ai-lanes/audit.jsonl").isFile(), "the audit is archived");

        String page = r.createWebClient().getPage(p).getWebResponse().getContentAsString();
        assertTrue(page.contains("Next build, forecast"), page);
        assertTrue(page.contains("not enough history: 2 builds, need 5"), page);
    }

    @Test
    void aCapBelowTheP95IsAWarningNamingBothFiguresAndATamperedAuditIsLeftOut(JenkinsRule r) throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
        Fixture.configure(provider);
        WorkflowJob p = job(r, "app", ONE_CALL);
        List<WorkflowRun> builds = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            builds.add(r.buildAndAssertSuccess(p));
        }
        r.assertLogContains("[ai-lanes] withAiBudget: the cap is at or above this job's p95 of ", builds.get(20));

        // Build 3's archived audit made cheaper by hand: its hash chain no longer verifies.
        WorkflowRun tampered = builds.get(2);
        Path audit = new File(tampered.getArtifactsDir(), "ai-lanes/audit.jsonl").toPath();
        String text = Files.readString(audit, StandardCharsets.UTF_8);
        String edited = text.replaceFirst("\"output\":(\\d+)", "\"output\":0");
        assertTrue(!edited.equals(text), text);
        Files.writeString(audit, edited, StandardCharsets.UTF_8);

        // The other 20 builds' costs, sorted: nearest-rank p50 is the 10th, p95 the 19th.
        List<BigDecimal> costs = new ArrayList<>();
        for (WorkflowRun b : builds) {
            if (b != tampered) {
                AiLanesRunAction action = b.getAction(AiLanesRunAction.class);
                assertNotNull(action);
                costs.add(action.cost());
            }
        }
        costs.sort(BigDecimal::compareTo);
        assertEquals(20, costs.size());
        String p50 = Usd.readable(costs.get(9));
        String p95 = Usd.readable(costs.get(18));

        p.setDefinition(new CpsFlowDefinition("withAiBudget(usd: 0.000001) {\n  echo 'inside the block'\n}\n", true));
        WorkflowRun low = r.buildAndAssertSuccess(p);

        r.assertLogContains("[ai-lanes] warning: withAiBudget $0.000001 is below this job's p95 of " + p95
                + " per build (p50 " + p50 + ", from 20 builds at today's prices)", low);
        r.assertLogContains("[ai-lanes] withAiBudget: the forecast left out build #" + tampered.getNumber()
                + ": does not verify: line 1 was edited", low);
        r.assertLogContains("inside the block", low);

        String page = r.createWebClient().getPage(p).getWebResponse().getContentAsString();
        assertTrue(page.contains("p50 " + p50 + ", p95 " + p95 + " (20 builds)"), page);
        assertTrue(page.contains("Left out: #" + tampered.getNumber() + ": does not verify"), page);
        assertTrue(page.contains("step call") && page.contains("lane chat"), page);
    }
}
