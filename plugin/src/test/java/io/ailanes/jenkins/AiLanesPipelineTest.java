package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Label;
import hudson.model.Result;
import io.ailanes.engine.budget.BudgetLedger;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.run.ControllerLedger;
import io.ailanes.modelserver.ModelServer;
import io.ailanes.modelserver.Script;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jenkins.util.VirtualFile;
import org.htmlunit.Page;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Real Pipeline jobs on a real Jenkins with a real agent (a separate JVM over remoting), against a model server on
 * loopback: plan, implement (the gate fails, then passes), review; what is archived, recorded and shown.
 */
@WithJenkins
class AiLanesPipelineTest {

    private ModelServer provider;

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
    }

    /** {@code CpsFlowDefinition(String, boolean)} throws the checked {@code Descriptor.FormException}. */
    private WorkflowJob job(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    private static final String WORKSPACE = """
            writeFile file: 'value.txt', text: '1\\n'
            writeFile file: 'check.sh', text: 'grep -qx 2 value.txt\\n'
            """;

    @Test
    void planImplementAndReviewOnAnAgentArchiveTheirFilesAndRecordTheBuild(JenkinsRule r) throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
        Fixture.configure(provider);
        r.createOnlineSlave(Label.get("remote"));
        WorkflowJob p = job(r, "node('remote') {\n" + WORKSPACE + """
                  def plan = withAiBudget(usd: 5) {
                    aiPlan task: 'Make value.txt hold 2', context: ['*.txt']
                  }
                  echo "planned ${plan.files[0].path} sha ${plan.sha256}"
                  def impl = aiImplement gates: [[name: 'check', command: 'sh check.sh']], maxRounds: 2
                  echo "implemented passed=${impl.passed} rounds=${impl.rounds} files=${impl.filesChanged}"
                  def review = aiReview failOn: 'high'
                  echo "reviewed verdict=${review.verdict} high=${review.counts.high}"
                  echo "value now ${readFile('value.txt').trim()}"
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("planned value.txt sha ", b);
        r.assertLogContains("implemented passed=true rounds=2 files=[value.txt]", b);
        r.assertLogContains("gate 'check' FAILED", b);
        r.assertLogContains("gate 'check' passed", b);
        r.assertLogContains("reviewed verdict=approve high=0", b);
        r.assertLogContains("value now 2", b);
        r.assertLogNotContains(Fixture.KEY, b);
        for (String file : List.of("cost.json", "audit.jsonl", "report.html", "gates.xml", "review.sarif", "changes.patch",
                "plan.md", "plan.json")) {
            VirtualFile artifact = b.getArtifactManager().root().child("ai-lanes/" + file);
            assertTrue(artifact.isFile(), file + " is archived");
            assertFalse(read(artifact).contains(Fixture.KEY), file + " holds no key");
        }
        String gates = read(b.getArtifactManager().root().child("ai-lanes/gates.xml"));
        // Failed in round 1, passed in round 2: a pass with a flaky failure, so junit leaves the build green.
        assertTrue(gates.contains("<flakyFailure message=\"round 1: exit code 1\"") && gates.contains("passed in round 2"),
                gates);
        assertTrue(gates.contains("failures=\"0\""), gates);

        AiLanesRunAction action = b.getAction(AiLanesRunAction.class);
        assertNotNull(action);
        assertTrue(action.getImplement().isPassed());
        assertEquals(2, action.getImplement().getRounds());
        assertEquals("beta", action.getImplement().getFamily());
        assertEquals("approve", action.getReview().getVerdict());
        assertEquals(3, action.getSteps().size());
        assertTrue(action.cost().signum() > 0);
        assertNotNull(action.getSavingText(), "the reasoning lane's primary is the premium counterfactual");
        assertFalse(action.getLedgerEvents().isEmpty());
        assertTrue(action.getBudgets().stream().anyMatch(row -> row.getScope().contains("withAiBudget")));
        // Every call carried the key resolved from the credential, and nothing else.
        assertEquals(Set.of("Bearer " + Fixture.KEY), new HashSet<>(provider.authorizations()));
    }

    @Test
    void thePagesShowTheSummaryEscapedAndServeTheReportWithoutScripts(JenkinsRule r) throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
        Fixture.configure(provider);
        WorkflowJob p = job(r, "node {\n" + WORKSPACE + "aiPlan task: 'Make value.txt hold 2'\n}\n");
        WorkflowRun b = r.buildAndAssertSuccess(p);
        JenkinsRule.WebClient wc = r.createWebClient();

        String build = wc.getPage(b).getWebResponse().getContentAsString();
        assertTrue(build.contains("AI Lanes"), "the build page shows the summary");
        assertTrue(build.contains("cost report"), "the summary links the report");
        String details = wc.getPage(b, "ai-lanes/").getWebResponse().getContentAsString();
        // Jelly escapes text as XML does: < and & become entities, which is what keeps markup inert.
        assertTrue(details.contains("&lt;script>alert(") || details.contains("&lt;script&gt;alert("),
                "the plan summary is shown escaped");
        assertFalse(details.contains("<script>alert('plan')"), "model output never becomes markup");

        Page report = wc.goTo(b.getUrl() + "ai-lanes/report", null);
        assertTrue(report.getWebResponse().getResponseHeaderValue("Content-Security-Policy").contains("sandbox"));
        assertTrue(report.getWebResponse().getContentAsString().contains("AI Lanes cost report"));
        String jobPage = wc.getPage(p).getWebResponse().getContentAsString();
        assertTrue(jobPage.contains("AI Lanes cost per build"), "the job page shows the trend");
        String top = b.getAction(AiLanesRunAction.class).getCostText();
        assertTrue(jobPage.contains(">" + top + "</text>") && jobPage.contains(">$0</text>"),
                "the trend's scale runs from $0 to the largest cost, " + top);
    }

    @Test
    void findingsAtOrAboveFailOnSetTheBuildResult(JenkinsRule r) throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.REJECT));
        Fixture.configure(provider);
        WorkflowJob p = job(r, "node {\n" + WORKSPACE + """
                  aiPlan task: 'Make value.txt hold 2'
                  aiImplement gates: [[name: 'check', command: 'sh check.sh']]
                  def review = aiReview unstable: true
                  echo "reviewed verdict=${review.verdict} failed=${review.failed}"
                }
                """);

        WorkflowRun b = r.buildAndAssertStatus(Result.UNSTABLE, p);

        r.assertLogContains("reviewed verdict=request-changes failed=true", b);
        r.assertLogContains("build result set to UNSTABLE", b);
        assertTrue(b.getArtifactManager().root().child("ai-lanes/review.sarif").isFile());
    }

    /** A plan and edits that change the Maven build file, which runs code on the next build. */
    private static Script buildFileScript() {
        return (protocol, model, prompt) -> switch (model) {
            case "planner" -> """
                    {"summary": "Bump the version.", "steps": [{"description": "Edit pom.xml.", "files": ["pom.xml"]}],
                     "files": [{"path": "pom.xml", "action": "modify", "why": "the version lives here"}],
                     "acceptanceCriteria": ["the version is 2"], "risks": [], "gates": []}""";
            case "worker" -> "pom.xml\n<<<<<<< SEARCH\n<version>1</version>\n=======\n<version>2</version>\n>>>>>>> REPLACE\n";
            default -> Fixture.APPROVE;
        };
    }

    @Test
    void aBuildFileChangesOnlyWhereTheGlobalPolicyAllowsItAndTheBuildPageShowsIt(JenkinsRule r) throws Exception {
        provider = Fixture.start(buildFileScript());
        Fixture.configure(provider);
        WorkflowJob p = job(r, """
                node {
                  writeFile file: 'pom.xml', text: '<project>\\n<version>1</version>\\n</project>\\n'
                  aiPlan task: 'Bump the version to 2'
                  def impl = aiImplement gates: [[name: 'check', command: 'grep -q "<version>2" pom.xml']], maxRounds: 1
                  echo "implemented passed=${impl.passed}"
                  echo "pom now ${readFile('pom.xml').contains('<version>2') ? 'bumped' : 'unchanged'}"
                }
                """);

        // The default policy: the plan's build file is refused and audited, the change set rejected whole.
        WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("SENSITIVE_PATH", refused);
        r.assertLogContains("policy.allowSensitive", refused);
        assertTrue(refused.getAction(AiLanesRunAction.class).getSensitiveChanges().isEmpty());

        io.ailanes.jenkins.config.PolicyEntry policy = new io.ailanes.jenkins.config.PolicyEntry();
        policy.setAllowSensitive(List.of("pom.xml"));
        io.ailanes.jenkins.config.AiLanesGlobalConfiguration.get().setPolicy(policy);
        WorkflowRun allowed = r.buildAndAssertSuccess(p);

        r.assertLogContains("implemented passed=true", allowed);
        r.assertLogContains("pom now bumped", allowed);
        r.assertLogContains("audited (SENSITIVE_CHANGE)", allowed);
        List<String> changes = allowed.getAction(AiLanesRunAction.class).getSensitiveChanges();
        assertEquals(1, changes.size(), changes.toString());
        assertTrue(changes.get(0).contains("changed the build file pom.xml"), changes.get(0));
        JenkinsRule.WebClient wc = r.createWebClient();
        String build = wc.getPage(allowed).getWebResponse().getContentAsString();
        assertTrue(build.contains("Build file changed (allowed by policy)") && build.contains("pom.xml"),
                "the build page shows the change");
        String details = wc.getPage(allowed, "ai-lanes/").getWebResponse().getContentAsString();
        assertTrue(details.contains("Build files changed"), "the details page lists it");
        String report = read(allowed.getArtifactManager().root().child("ai-lanes/report.html"));
        assertTrue(report.contains("Build files changed") && report.contains("changed the build file pom.xml"));
    }

    @Test
    void gatesGetOnlyAllowListedVariablesAndWhatTheyPrintOfTheRestIsMasked(JenkinsRule r) throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
        Fixture.configure(provider);
        io.ailanes.jenkins.config.PolicyEntry policy = new io.ailanes.jenkins.config.PolicyEntry();
        policy.setGateEnvironment(List.of("SONAR_*"));
        io.ailanes.jenkins.config.AiLanesGlobalConfiguration.get().setPolicy(policy);
        WorkflowJob p = job(r, "node {\n" + WORKSPACE + """
                  writeFile file: 'leak.sh', text: 'echo "leaked: hunter2-deploy-password-0042"; exit 1\\n'
                  aiPlan task: 'Make value.txt hold 2'
                  withEnv(['DEPLOY_PASS=hunter2-deploy-password-0042', 'SONAR_HOST_URL=http://sonar.local:9000']) {
                    def impl = aiImplement gates: [[name: 'env', command: 'env > env.txt'], [name: 'check', command: 'sh check.sh'],
                                        [name: 'leak', command: 'sh leak.sh']], maxRounds: 2, failOnGateFailure: false
                    echo "implemented passed=${impl.passed}"
                  }
                  def env = readFile('env.txt')
                  echo "gate saw DEPLOY_PASS: ${env.contains('DEPLOY_PASS')}, SONAR_HOST_URL: ${env.contains('SONAR_HOST_URL=')}, PATH: ${env.contains('PATH=')}"
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("implemented passed=false", b);
        r.assertLogContains("gate saw DEPLOY_PASS: false, SONAR_HOST_URL: true, PATH: true", b);
        String gates = read(b.getArtifactManager().root().child("ai-lanes/gates.xml"));
        assertTrue(gates.contains("leaked: [ENV:DEPLOY_PASS]"), gates);
        assertFalse(gates.contains("hunter2-deploy-password-0042"), gates);
        assertTrue(provider.bodies().stream().noneMatch(body -> body.toString().contains("hunter2-deploy-password-0042")),
                "no prompt carries the value");
        assertTrue(provider.bodies().stream().anyMatch(body -> body.toString().contains("[ENV:DEPLOY_PASS]")),
                "the fix round shows the gate's output masked");
    }

    @Test
    void gatesGetNoProviderKeyFromTheBuildEnvironment(JenkinsRule r) throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
        Fixture.configure(provider);
        WorkflowJob p = job(r, "node {\n" + WORKSPACE + """
                  aiPlan task: 'Make value.txt hold 2'
                  withEnv(['OPENAI_API_KEY=exported-by-the-job-0123456789']) {
                    aiImplement gates: [[name: 'env', command: 'env > env.txt'], [name: 'check', command: 'sh check.sh']]
                  }
                  echo "gate saw the key: ${readFile('env.txt').contains('exported-by-the-job-0123456789')}"
                }
                """);

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("gate saw the key: false", b);
    }

    @Test
    void abortingTheBuildCancelsTheCallInFlightAndReleasesItsReservation(JenkinsRule r) throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
        Fixture.configure(provider);
        WorkflowJob p = job(r, "aiCall prompt: 'take your time', lane: 'slow'");
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        while (provider.bodies().isEmpty()) {
            Thread.sleep(50); // until the request is at the provider
        }

        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        ScopeId build = ScopeId.build(b.getExternalizableId());
        BudgetLedger ledger = ControllerLedger.get().ledger();
        while (ledger.state(build).openReservations() > 0) {
            Thread.sleep(50); // the step's thread releases the reservation as the cancelled call returns
        }
        assertEquals(0, ledger.state(build).reserved().signum());
        assertEquals(0, ledger.state(build).settled().signum(), "a cancelled call before any answer costs nothing");
        r.assertLogNotContains(Fixture.KEY, b);
        r.assertLogNotContains("ProviderException", b); // the stop's consequence is no stack trace
        String audit = java.nio.file.Files.readString(new java.io.File(b.getRootDir(), "ai-lanes/audit.jsonl").toPath());
        assertTrue(audit.contains("\"outcome\":\"CANCELLED\""), "the cancelled attempt is audited: " + audit);
    }

    private static String read(VirtualFile file) throws IOException {
        try (InputStream in = file.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
