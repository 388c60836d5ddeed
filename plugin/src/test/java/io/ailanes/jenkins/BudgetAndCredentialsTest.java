package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.ailanes.modelserver.ModelServer;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Budgets refuse before anything is sent; credentials are resolved by id on the controller, and never logged. */
@WithJenkins
class BudgetAndCredentialsTest {

    private ModelServer provider;

    @BeforeEach
    void start() throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    private WorkflowRun run(JenkinsRule r, String script, Result expected) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, p);
    }

    @Test
    void aCallThatDoesNotFitItsBlocksCapFailsTheStepWithTheRefusalAndSendsNothing(JenkinsRule r) throws Exception {
        Fixture.configure(provider);

        WorkflowRun b = run(r, "withAiBudget(usd: 0.000001) { echo aiCall(prompt: 'hi', lane: 'chat') }", Result.FAILURE);

        r.assertLogContains("budget refused: build \"" + b.getExternalizableId() + "/withAiBudget ", b);
        r.assertLogContains("cap $0.000001", b);
        assertEquals(0, provider.bodies().size(), "a refused call is never sent");
    }

    @Test
    void inNestedBlocksTheTighterCapWins(JenkinsRule r) throws Exception {
        Fixture.configure(provider);

        WorkflowRun b = run(r, """
                def answer = withAiBudget(usd: 5) { aiCall prompt: 'hi', lane: 'chat' }
                echo "outer block: ${answer}"
                withAiBudget(usd: 5) { withAiBudget(usd: 0.000001) { aiCall prompt: 'hi', lane: 'chat' } }
                """, Result.FAILURE);

        r.assertLogContains("outer block: hello from chat", b);
        r.assertLogContains("cap $0.000001", b);
        assertEquals(1, provider.bodies().size());
    }

    @Test
    void theConfiguredBuildCapAppliesWithoutABlock(JenkinsRule r) throws Exception {
        Fixture.configure(provider);
        Fixture.budgets("0.000001", null);

        WorkflowRun b = run(r, "aiCall prompt: 'hi', lane: 'chat'", Result.FAILURE);

        r.assertLogContains("budget refused: build \"" + b.getExternalizableId() + "\" cap $0.000001", b);
    }

    @Test
    void theKeyIsResolvedByIdAndSentOnlyToTheProvider(JenkinsRule r) throws Exception {
        Fixture.configure(provider);

        WorkflowRun b = run(r, "echo aiCall(prompt: 'hi', lane: 'chat')", Result.SUCCESS);

        r.assertLogContains("hello from chat", b);
        r.assertLogNotContains(Fixture.KEY, b);
        assertEquals("Bearer " + Fixture.KEY, provider.authorizations().get(0));
        assertTrue(provider.bodies().get(0).toString().contains("\"model\":\"chat\""));
    }

    @Test
    void aMissingCredentialFailsTheStepNamingIt(JenkinsRule r) throws Exception {
        Fixture.configure(provider.openAiBaseUrl(), "no-such-credential");

        WorkflowRun b = run(r, "aiCall prompt: 'hi', lane: 'chat'", Result.FAILURE);

        r.assertLogContains("credentialsId: credential 'no-such-credential' is not set", b);
        assertEquals(0, provider.bodies().size());
    }

    @Test
    void promptsAreRedactedBeforeTheyAreSent(JenkinsRule r) throws Exception {
        Fixture.configure(provider);

        run(r, "withEnv(['DEPLOY_TOKEN=tok-0123456789-secret']) { aiCall prompt: \"use tok-0123456789-secret\", lane: 'chat' }",
                Result.SUCCESS);

        String sent = provider.bodies().get(0).toString();
        assertTrue(!sent.contains("tok-0123456789-secret"), sent);
    }
}
