package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Item;
import hudson.model.Result;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.budget.BudgetLedger;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.action.StepRow;
import io.ailanes.jenkins.run.ControllerLedger;
import io.ailanes.modelserver.ModelServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.util.VirtualFile;
import org.htmlunit.Page;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What broke when the plugin first ran in a real Jenkins, as a user meets it on day one: an aborted gate, call ids
 * across steps, the report under security, a key in a gate command, a step outside {@code node}, the details page.
 */
@WithJenkins
class FirstDayTest {

    private static final String WORKSPACE = """
            writeFile file: 'value.txt', text: '1\\n'
            writeFile file: 'check.sh', text: 'grep -qx 2 value.txt\\n'
            """;

    private ModelServer provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    private WorkflowJob job(JenkinsRule r, String name, String script) throws Exception {
        provider = provider == null ? Fixture.start(Fixture.script(Fixture.APPROVE)) : provider;
        Fixture.configure(provider);
        WorkflowJob p = r.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void aGateStoppedWithTheBuildIsNeverReportedPassed(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "abort-gate", "node {\n" + WORKSPACE + """
                  aiPlan task: 'Make value.txt hold 2'
                  aiImplement gates: [[name: 'slow', command: 'echo gate-started; sleep 300; echo gate-done']]
                }
                """);
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        while (b.isBuilding() && !JenkinsRule.getLog(b).contains("[ai-lanes] gate 'slow': ")) {
            Thread.sleep(100);
        }
        r.assertLogContains("[ai-lanes] gate 'slow': ", b);
        Thread.sleep(1_000); // the shell is in its sleep

        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        r.assertLogContains("gate 'slow' stopped with the build: not passed", b);
        r.assertLogNotContains("gate 'slow' passed", b);
        r.assertLogNotContains("ProviderException", b);
        AiLanesRunAction action = b.getAction(AiLanesRunAction.class);
        assertTrue(action.getImplement() == null || !action.getImplement().isPassed(), "not passed");
        File gates = new File(b.getRootDir(), "ai-lanes/out/ai-lanes/gates.xml");
        if (gates.isFile()) {
            String xml = java.nio.file.Files.readString(gates.toPath());
            assertTrue(xml.contains("failures=\"1\"") && xml.contains("stopped with its step"), xml);
        }
    }

    @Test
    void gatesThatPassedAfterAFixRoundLeaveTheBuildGreenWhenPublishedWithJunit(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "junit-gates", "node {\n" + WORKSPACE + """
                  aiPlan task: 'Make value.txt hold 2'
                  aiImplement gates: [[name: 'check', command: 'sh check.sh']], maxRounds: 2
                  junit testResults: 'ai-lanes/gates.xml'
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        hudson.tasks.junit.TestResultAction tests = b.getAction(hudson.tasks.junit.TestResultAction.class);
        assertEquals(1, tests.getTotalCount());
        assertEquals(0, tests.getFailCount());
        r.assertLogContains("gate 'check' FAILED", b);
    }

    @Test
    void everyCallOfABuildHasItsOwnIdAndCallScopeAcrossSteps(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "ids", "node {\n" + WORKSPACE + """
                  aiPlan task: 'Make value.txt hold 2'
                  aiImplement gates: [[name: 'check', command: 'sh check.sh']], maxRounds: 2
                  aiReview failOn: 'high'
                  aiCall prompt: 'hi', lane: 'chat'
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        List<AuditEntry> audit;
        try (AuditReader reader = AuditReader.open(new File(b.getRootDir(), "ai-lanes/audit.jsonl").toPath())) {
            // Event lines (the risk class's decisions of each step) are not calls.
            audit = reader.stream().filter(e -> !e.attributes().containsKey(io.ailanes.engine.run.AuditReports.EVENT))
                    .toList();
        }
        List<String> ids = audit.stream().map(AuditEntry::callId).toList();
        assertEquals(5, ids.size(), ids.toString());
        assertEquals(5, new HashSet<>(ids).size(), "one id per call: " + ids);
        JsonNode cost = new ObjectMapper().readTree(new File(b.getRootDir(), "ai-lanes/cost.json"));
        assertEquals(5, cost.at("/totals/calls").asInt());
        assertEquals(5, cost.at("/totals/attempts").asInt());
        BudgetLedger ledger = ControllerLedger.get().ledger();
        for (AuditEntry entry : audit) {
            assertEquals(0, entry.costUsd().compareTo(ledger.state(ScopeId.call(entry.callId())).settled()),
                    "each call scope holds its own call alone: " + entry.callId());
        }
        AiLanesRunAction action = b.getAction(AiLanesRunAction.class);
        assertEquals(action.getCostText() + " for 5 calls", action.getCostLine());
    }

    @Test
    void anyoneWhoCanReadTheBuildOpensItsReportWithSecurityOn(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "secured", "node {\n" + WORKSPACE + "aiPlan task: 'Make value.txt hold 2'\n}\n");
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("dev")
                .grant(Jenkins.READ).everywhere().to("outsider"));

        for (String user : List.of("admin", "dev")) {
            JenkinsRule.WebClient wc = r.createWebClient().login(user);
            Page report = wc.goTo(b.getUrl() + "ai-lanes/report", null);
            assertEquals(200, report.getWebResponse().getStatusCode(), user);
            assertTrue(report.getWebResponse().getContentAsString().contains("AI Lanes cost report"), user);
        }
        JenkinsRule.WebClient outsider = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("outsider");
        assertEquals(404, outsider.goTo(b.getUrl() + "ai-lanes/report", null).getWebResponse().getStatusCode());
    }

    @Test
    void aKeyWrittenIntoAGateCommandIsMaskedInTheLogAndGatesXml(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "key-in-gate", "node {\n" + WORKSPACE + """
                  aiPlan task: 'Make value.txt hold 2'
                  aiImplement gates: [[name: 'check', command: 'test -n %s && sh check.sh']]
                }
                """.formatted(Fixture.KEY));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("gate 'check': test -n **** && sh check.sh", b);
        r.assertLogNotContains(Fixture.KEY, b);
        String gates = read(b.getArtifactManager().root().child("ai-lanes/gates.xml"));
        assertFalse(gates.contains(Fixture.KEY), gates);
        assertTrue(gates.contains("test -n ****"), gates);
    }

    @Test
    void aStepOutsideNodeSaysWhatToDo(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "no-node", "aiPlan task: 'Make value.txt hold 2'");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("aiPlan needs a workspace: run it inside node { }", b);
        r.assertLogNotContains("MissingContextVariableException", b);
        r.assertLogNotContains("\tat ", b);
        assertTrue(provider.bodies().isEmpty(), "nothing was sent");
    }

    @Test
    void aReviewWithoutAPlanSaysWhatWritesOne(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "no-plan", "node {\n" + WORKSPACE + "aiReview diff: 'x'\n}\n");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("aiReview needs a plan: no file ai-lanes/plan.json in the workspace. Run aiPlan first", b);
        assertTrue(provider.bodies().isEmpty(), "nothing was sent");
    }

    @Test
    void theDetailsPageReadsAsSentences(JenkinsRule r) throws Exception {
        WorkflowJob p = job(r, "pages", "node {\n" + WORKSPACE + """
                  aiPlan task: 'Make value.txt hold 2'
                  aiImplement gates: [[name: 'check', command: 'sh check.sh']], maxRounds: 2
                  aiReview failOn: 'high'
                }
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        JenkinsRule.WebClient wc = r.createWebClient();

        String details = wc.getPage(b, "ai-lanes/").asNormalizedText();
        String summary = wc.getPage(b).asNormalizedText();

        assertTrue(details.contains(" for 4 calls."), details);
        assertTrue(details.contains("Gates passed after 2 rounds; 1 file changed (+1 -1); last model local/worker."), details);
        assertTrue(details.contains("Approved by local/reviewer: 0 high, 0 medium, 0 low."), details);
        assertTrue(details.contains("Open the cost report"), details);
        assertFalse(details.contains("%).Open"), details);
        assertFalse(details.contains("round(s)"), details);
        assertTrue(summary.contains("Implement: Gates passed after 2 rounds; 1 file changed (+1 -1)"), summary);
        assertTrue(summary.contains(" · cost report · details"), summary);
        assertFalse(summary.contains("  ·"), summary);
        assertTrue(details.contains("job month"), "scope kinds read as words: " + details);
        assertFalse(details.contains("JOB_MONTH"), details);
        // The log, the step rows and the pages say each step's outcome in the engine's words (steps.*Summary).
        r.assertLogContains("[ai-lanes] review: approved by local/reviewer: 0 high, 0 medium, 0 low", b);
        r.assertLogContains("[ai-lanes] implement: gates passed after 2 rounds; 1 file changed (+1 -1); last model"
                + " local/worker", b);
        String plan = b.getAction(AiLanesRunAction.class).getSteps().get(0).getOutcome();
        assertTrue(plan.matches("\\d+ files?, \\d+ steps?, \\d+ acceptance criteri(on|a); sha256 [0-9a-f]{12}"), plan);
        r.assertLogContains("[ai-lanes] plan: " + plan + "; ai-lanes/plan.json", b);
        List<StepRow> rows = b.getAction(AiLanesRunAction.class).getSteps();
        assertEquals("gates passed after 2 rounds; 1 file changed (+1 -1); last model local/worker",
                rows.get(1).getOutcome());
        assertEquals("approved by local/reviewer: 0 high, 0 medium, 0 low", rows.get(2).getOutcome());
        assertTrue(new BigDecimal(b.getAction(AiLanesRunAction.class).getCostUsd()).signum() > 0);
    }

    private static String read(VirtualFile file) throws IOException {
        try (InputStream in = file.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
