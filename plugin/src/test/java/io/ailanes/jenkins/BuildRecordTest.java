package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.action.BudgetRow;
import io.ailanes.jenkins.action.StepRow;
import io.ailanes.modelserver.ModelServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The build's AI Lanes record on disk: a build recorded before {@code BuildRecord} (its fields on the action, its rows
 * nested classes) still loads and shows what it showed, is saved in the new form and loads again; parallel branches
 * recording at once each keep their row.
 */
@WithJenkins
class BuildRecordTest {

    @Test
    void aBuildRecordedInTheOldFormLoadsShowsWhatItShowedAndIsSavedInTheNewForm(JenkinsRule r) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("echo 'no AI Lanes step'", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        Path buildXml = b.getRootDir().toPath().resolve("build.xml");
        String xml = Files.readString(buildXml);
        assertFalse(xml.contains("AiLanesRunAction"), xml);
        String old;
        try (InputStream in = BuildRecordTest.class.getResourceAsStream("action/old-form.xml")) {
            old = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(buildXml, xml.replaceFirst("<actions>", "<actions>\n" + old.replace("$", "\\$")));

        r.jenkins.reload();
        b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
        assertShowsTheOldBuild(b);

        JenkinsRule.WebClient wc = r.createWebClient();
        String summary = wc.getPage(b).getWebResponse().getContentAsString();
        for (String line : List.of("<b>AI Lanes</b>: $0.02383 for 4 calls",
                "saving against all-premium on local/planner: $0.03431 (59.01%)",
                "Budget build \"p#1\": $0.02383 of no cap",
                "Budget job month \"p@2026-12\": $0.02383 of no cap",
                "Data went to local in an unknown region (unknown): 4 calls, 3211 input and 133 output tokens",
                // The verdicts are said in the engine's current words; an old build has no line counts, so none are said.
                "Risk class: high", "Implement: Gates passed after 2 rounds; 1 file changed; last model local/worker.",
                "Review: Approved by local/reviewer: 0 high, 0 medium, 0 low.")) {
            assertTrue(summary.contains(line.replace("\"", "&quot;")) || summary.contains(line), line + "\n" + summary);
        }
        assertFalse(summary.contains("ai-lanes/report"), "no report.html kept, so no link to it");
        String details = wc.getPage(b, "ai-lanes/").getWebResponse().getContentAsString();
        for (String line : List.of("<p>Cost: $0.02383 for 4 calls.",
                "All-premium on local/planner would have cost $0.05814: a saving of $0.03431 (59.01%).",
                "Make value.txt hold 2 &lt;script>alert('plan')&lt;/script>",
                "<p>Gates passed after 2 rounds; 1 file changed; last model local/worker.",
                "<p>Approved by local/reviewer: 0 high, 0 medium, 0 low.<p>value.txt holds 2 as planned.",
                "<tr><td>2</td><td>implement</td><td>local/worker</td><td>$0.000401</td><td>gates passed after 2 rounds</td></tr>",
                "<td>$0.02205</td><td>$5.00</td><td>0.44%</td>", "This build's ledger holds 8 budget events.")) {
            assertTrue(details.contains(line), line + "\n" + details);
        }
        assertEquals(404, wc.withThrowExceptionOnFailingStatusCode(false).goTo(b.getUrl() + "ai-lanes/report", null)
                .getWebResponse().getStatusCode(), "no report.html to serve");

        b.save();
        String saved = Files.readString(buildXml);
        assertFalse(saved.contains("AiLanesRunAction_-"), "the rows are saved under their own names: " + saved);
        assertTrue(saved.contains("<record>") && saved.contains("<io.ailanes.jenkins.action.StepRow>"), saved);
        r.jenkins.reload();
        assertShowsTheOldBuild(r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1));
    }

    private static void assertShowsTheOldBuild(WorkflowRun b) {
        AiLanesRunAction action = b.getAction(AiLanesRunAction.class);
        assertNotNull(action, "the action was read from build.xml");
        assertEquals("0.0238289", action.getCostUsd());
        assertEquals(4, action.getCalls());
        assertEquals("$0.03431 (59.01%)", action.getSavingText());
        assertEquals(3, action.getRecord().getStepCount());
        assertEquals(List.of("plan", "implement", "review"), action.getSteps().stream().map(StepRow::getStep).toList());
        assertEquals("gates passed after 2 rounds", action.getSteps().get(1).getOutcome());
        assertTrue(action.getImplement().isPassed());
        assertEquals("beta", action.getImplement().getFamily());
        assertEquals("approve", action.getReview().getVerdict());
        assertEquals("value.txt holds 2 as planned.", action.getReview().getSummary());
        assertEquals("Make value.txt hold 2 <script>alert('plan')</script>", action.getRecord().getPlanSummary());
        assertEquals(8, action.getLedgerEvents().size());
        assertTrue(action.getLedgerEvents().get(0).startsWith("{\"e\":\"reserve\",\"id\":1,"), action.getLedgerEvents().get(0));
        assertEquals(List.of("no cap", "$5.00", "no cap", "no cap"),
                action.getBudgets().stream().map(BudgetRow::getCapText).toList());
        assertEquals("0.44", action.getBudgets().get(1).getPercentUsed());
        assertEquals(List.of("local in an unknown region (unknown): 4 calls, 3211 input and 133 output tokens"),
                action.getRecord().getReport().getDataRegions());
        assertEquals(null, action.getRecord().getReport().getAllowedRegions());
        assertEquals("high", action.getRiskClass());
        assertTrue(action.getRiskDecisions().isEmpty());
        assertTrue(action.getSensitiveChanges().isEmpty());
    }

    @Test
    void parallelBranchesEachKeepTheirStepInTheRecordAndInBuildXml(JenkinsRule r) throws Exception {
        try (ModelServer provider = Fixture.start(Fixture.script(Fixture.APPROVE))) {
            Fixture.configure(provider);
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            p.setDefinition(new CpsFlowDefinition("""
                    parallel a: { aiCall prompt: 'a', lane: 'chat' }, b: { aiCall prompt: 'b', lane: 'chat' },
                             c: { aiCall prompt: 'c', lane: 'chat' }, d: { aiCall prompt: 'd', lane: 'chat' }
                    """, true));
            WorkflowRun b = r.buildAndAssertSuccess(p);
            assertRecordsFourCalls(b);

            r.jenkins.reload();
            assertRecordsFourCalls(r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1));
        }
    }

    private static void assertRecordsFourCalls(WorkflowRun b) {
        AiLanesRunAction action = b.getAction(AiLanesRunAction.class);
        assertEquals(4, action.getRecord().getStepCount());
        assertEquals(Set.of(1, 2, 3, 4), action.getSteps().stream().map(StepRow::getNumber).collect(Collectors.toSet()),
                "every branch's step, each with its own number");
        assertEquals(4, action.getSteps().stream().filter(s -> "call".equals(s.getStep())).count());
        assertEquals(4, action.getCalls());
        assertEquals(8, action.getLedgerEvents().size(), "a reserve and a settle for each call");
    }
}
