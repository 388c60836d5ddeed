package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.report.PolicyEvent;
import io.ailanes.engine.riskpolicy.Approvals;
import io.ailanes.engine.run.AuditReports;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.config.AiLanesGlobalConfiguration;
import io.ailanes.jenkins.config.AiLanesRiskProperty;
import io.ailanes.jenkins.config.RiskClassEntry;
import io.ailanes.modelserver.ModelServer;
import io.ailanes.modelserver.Script;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A critical-class job whose change touches a security-sensitive path: the build pauses at {@code input} with the
 * workspace as it was, a non-approver cannot approve, an approver's approval applies the patch (audited with who),
 * a rejection leaves it unapplied. The build page shows the class and its decisions.
 */
@WithJenkins
class RiskApprovalTest {

    /** The same flow as the aiImplementApproved shared step: implement, ask, apply. */
    static final String PIPELINE = """
            node {
              writeFile file: 'auth/login.txt', text: '1\\n'
              aiPlan task: 'Make the login hold 2'
              def impl = aiImplement gates: [[name: 'check', command: 'grep -qx 2 auth/login.txt']], maxRounds: 1
              echo "approvalRequired=${impl.approvalRequired} class=${impl.riskClass} paths=${impl.approval.sensitivePaths}"
              echo "while waiting the file holds ${readFile('auth/login.txt').trim()}"
              def who = input message: 'Apply the held AI Lanes change?', ok: 'Apply',
                  submitter: impl.approval.approvers, submitterParameter: 'approver'
              def applied = aiApply sha256: impl.approval.sha256, approvedBy: who
              echo "applied by ${applied.approvedBy}; the file holds ${readFile('auth/login.txt').trim()}"
              def review = aiReview()
              echo "review ${review.verdict} by ${review.model}"
            }
            """;

    private ModelServer provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    /** Plans a change to auth/login.txt, makes it, and approves it in review (reviewed on the premium lane). */
    private static Script script() {
        return (protocol, model, prompt) -> switch (model) {
            case "planner" -> prompt.contains("You are the review lane") ? Fixture.APPROVE : """
                    {"summary": "Make the login hold 2.", "steps": [{"description": "Write 2.", "files": ["auth/login.txt"]}],
                     "files": [{"path": "auth/login.txt", "action": "modify", "why": "the login"}],
                     "acceptanceCriteria": ["auth/login.txt holds 2"], "risks": [], "gates": []}""";
            case "worker" -> "auth/login.txt\n<<<<<<< SEARCH\n1\n=======\n2\n>>>>>>> REPLACE\n";
            default -> Fixture.APPROVE;
        };
    }

    private WorkflowJob criticalJob(JenkinsRule r) throws Exception {
        provider = Fixture.start(script());
        Fixture.configure(provider);
        RiskClassEntry critical = new RiskClassEntry("critical");
        critical.setSensitivePaths(List.of("auth/**"));
        critical.setApprovers(List.of("security-team"));
        AiLanesGlobalConfiguration.get().setRiskClasses(List.of(critical));
        JenkinsRule.DummySecurityRealm realm = r.createDummySecurityRealm();
        realm.addGroups("alice", "security-team");
        r.jenkins.setSecurityRealm(realm);
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Item.CANCEL).everywhere().to("alice", "bob"));
        WorkflowJob p = r.createProject(WorkflowJob.class, "payments");
        p.addProperty(new AiLanesRiskProperty("critical"));
        p.setDefinition(new CpsFlowDefinition(PIPELINE, true));
        return p;
    }

    private static InputStepExecution waitingInput(JenkinsRule r, WorkflowRun b) throws Exception {
        r.waitForMessage("Apply the held AI Lanes change?", b);
        InputAction action = b.getAction(InputAction.class);
        for (int i = 0; i < 100 && action.getExecutions().isEmpty(); i++) {
            Thread.sleep(100);
        }
        return action.getExecutions().get(0);
    }

    private static String workspaceFile(JenkinsRule r, WorkflowJob p) throws Exception {
        FilePath ws = r.jenkins.getWorkspaceFor(p);
        return ws.child("auth/login.txt").readToString();
    }

    private static List<AuditEntry> events(WorkflowRun b, String kind) throws Exception {
        List<AuditEntry> found = new ArrayList<>();
        File audit = new File(b.getRootDir(), "ai-lanes/audit.jsonl");
        try (AuditReader reader = AuditReader.open(audit.toPath())) {
            for (AuditEntry e : reader) {
                if (kind.equals(e.attributes().get(AuditReports.EVENT))) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    @Test
    void aCriticalChangeToASensitivePathWaitsWithTheWorkspaceUnchangedAndApprovalAppliesIt(JenkinsRule r)
            throws Exception {
        WorkflowJob p = criticalJob(r);

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        InputStepExecution input = waitingInput(r, b);

        r.assertLogContains("approvalRequired=true class=critical paths=[auth/login.txt]", b);
        r.assertLogContains("while waiting the file holds 1", b);
        r.assertLogContains("APPROVAL REQUIRED: class critical holds this change for approval", b);
        assertEquals("1\n", workspaceFile(r, p), "nothing applied while the build waits");
        List<AuditEntry> held = events(b, PolicyEvent.APPROVAL_REQUIRED);
        assertEquals(1, held.size());
        String sha = held.get(0).attributes().get(Approvals.PATCH_SHA256);
        assertEquals("security-team", held.get(0).attributes().get(Approvals.APPROVERS));
        try (ACLContext as = ACL.as(User.getById("bob", true))) {
            Exception refused = assertThrows(Exception.class, input::doProceedEmpty, "bob is not an approver");
            assertTrue(refused.getMessage().contains("You need to be security-team"), refused.getMessage());
        }
        assertEquals("1\n", workspaceFile(r, p));

        try (ACLContext as = ACL.as(User.getById("alice", true))) {
            input.doProceedEmpty();
        }
        r.assertBuildStatusSuccess(r.waitForCompletion(b));

        r.assertLogContains("applied by alice; the file holds 2", b);
        assertEquals("2\n", workspaceFile(r, p));
        List<AuditEntry> approved = events(b, PolicyEvent.APPROVED);
        assertEquals(1, approved.size());
        assertEquals("alice", approved.get(0).attributes().get(Approvals.APPROVED_BY));
        assertEquals(sha, approved.get(0).attributes().get(Approvals.PATCH_SHA256));
        AiLanesRunAction action = b.getAction(AiLanesRunAction.class);
        assertEquals("critical", action.getRiskClass());
        assertTrue(action.getRiskDecisions().stream().anyMatch(d -> d.startsWith("implement: change held for approval")),
                action.getRiskDecisions().toString());
        assertTrue(action.getRiskDecisions().stream().anyMatch(d -> d.contains("approved by alice")),
                action.getRiskDecisions().toString());
        assertTrue(action.getRiskDecisions().stream().anyMatch(d -> d.startsWith("review: review moved to lane reasoning")),
                "a sensitive change is reviewed on the premium lane: " + action.getRiskDecisions());
        JenkinsRule.WebClient wc = r.createWebClient().login("alice");
        String page = wc.getPage(b).getWebResponse().getContentAsString();
        assertTrue(page.contains("Risk class: critical") && page.contains("Risk class decision: implement: change held"
                + " for approval"), "the build summary shows the class and its decisions");
        try (InputStream in = b.getArtifactManager().root().child("ai-lanes/report.html").open()) {
            String report = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(report.contains("<h2>Risk class</h2>") && report.contains("APPROVED"), "the archived report");
        }
    }

    @Test
    void aRejectedChangeStaysUnapplied(JenkinsRule r) throws Exception {
        WorkflowJob p = criticalJob(r);

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        InputStepExecution input = waitingInput(r, b);
        try (ACLContext as = ACL.as(User.getById("alice", true))) {
            input.doAbort();
        }

        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));
        assertEquals("1\n", workspaceFile(r, p));
        assertTrue(events(b, PolicyEvent.APPROVED).isEmpty());
        assertEquals(1, events(b, PolicyEvent.APPROVAL_REQUIRED).size());
    }

    @Test
    void theRiskClassesAndTheJobsClassSurviveAFormRoundTrip(JenkinsRule r) throws Exception {
        Fixture.configure("http://127.0.0.1:9/v1", Fixture.CREDENTIALS_ID);
        RiskClassEntry critical = new RiskClassEntry("critical");
        critical.setSensitivePaths(List.of("auth/**", "billing/**"));
        critical.setApprovers(List.of("security-team"));
        critical.setReviewRequired("true");
        critical.setFailOn("low");
        RiskClassEntry low = new RiskClassEntry("low");
        low.setAllowImplement("false");
        AiLanesGlobalConfiguration config = AiLanesGlobalConfiguration.get();
        config.setAudit("hashes"); // the form's audit select has no empty choice
        config.setRiskClass("low");
        config.setRiskClasses(List.of(critical, low));
        io.ailanes.engine.config.AiLanesConfig before = config.toConfig();
        WorkflowJob p = r.createProject(WorkflowJob.class, "tools");
        p.addProperty(new AiLanesRiskProperty("critical"));

        r.configRoundtrip();
        r.configRoundtrip(p);

        assertEquals(before, AiLanesGlobalConfiguration.get().toConfig());
        assertEquals("critical", p.getProperty(AiLanesRiskProperty.class).getRiskClass());
        assertEquals(io.ailanes.engine.risk.RiskClass.CRITICAL,
                io.ailanes.jenkins.config.JobRiskClass.policy(p, before, null).riskClass());
        WorkflowJob other = r.createProject(WorkflowJob.class, "other");
        assertEquals(io.ailanes.engine.risk.RiskClass.LOW,
                io.ailanes.jenkins.config.JobRiskClass.policy(other, before, null).riskClass(), "the global default");
        RiskClassEntry bad = new RiskClassEntry("critical");
        bad.setRequireApproval("maybe");
        config.setRiskClasses(List.of(bad));
        assertTrue(config.problems().contains("riskClasses[0].requireApproval: 'maybe' is not true or false; leave it"
                + " empty for the class's default"), config.problems().toString());
        assertThrows(IllegalArgumentException.class, () -> new AiLanesRiskProperty("medium"));
    }
}
