package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.run.ControllerLedger;
import io.ailanes.modelserver.ModelServer;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** The build's ledger and the controller's job-month spend survive a restart, and keep holding. */
class LedgerRestartTest {

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void spendRecordedBeforeARestartStillCountsAfterIt() throws Throwable {
        try (ModelServer provider = Fixture.start(Fixture.script(Fixture.APPROVE))) {
            AtomicReference<String> cost = new AtomicReference<>();
            AtomicReference<List<String>> events = new AtomicReference<>();
            sessions.then(r -> {
                Fixture.configure(provider);
                WorkflowJob p = r.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition("echo aiCall(prompt: 'hi', lane: 'chat')", true));
                WorkflowRun b = r.buildAndAssertSuccess(p);
                AiLanesRunAction action = b.getAction(AiLanesRunAction.class);
                cost.set(action.getCostUsd());
                events.set(action.getLedgerEvents());
                assertTrue(new BigDecimal(cost.get()).signum() > 0);
                assertEquals(2, events.get().size(), "a reserve and its settle");
            });
            sessions.then(r -> {
                WorkflowJob p = r.jenkins.getItemByFullName("p", WorkflowJob.class);
                AiLanesRunAction action = p.getBuildByNumber(1).getAction(AiLanesRunAction.class);
                assertEquals(cost.get(), action.getCostUsd());
                assertEquals(events.get(), action.getLedgerEvents());
                BigDecimal month = ControllerLedger.get().ledger().state(ScopeId.jobMonth("p", Clock.systemUTC())).settled();
                assertEquals(0, new BigDecimal(cost.get()).compareTo(month), "the journal was replayed");

                // A month cap equal to what was spent before the restart leaves no room for another call.
                Fixture.budgets(null, cost.get());
                WorkflowRun second = r.buildAndAssertStatus(Result.FAILURE, p);
                r.assertLogContains("budget refused: job month \"p@", second);
            });
        }
    }

    @Test
    void aCallInFlightWhenJenkinsStopsIsCountedInItsBuildsOwnRecordOnStart() throws Throwable {
        try (ModelServer provider = Fixture.start(Fixture.script(Fixture.APPROVE))) {
            sessions.then(r -> {
                Fixture.configure(provider);
                WorkflowJob p = r.createProject(WorkflowJob.class, "p");
                p.setDefinition(new CpsFlowDefinition("""
                        aiCall prompt: 'hi', lane: 'chat'
                        aiCall prompt: 'take your time', lane: 'slow'
                        """, true));
                p.scheduleBuild2(0).waitForStart();
                while (provider.bodies().size() < 2) {
                    Thread.sleep(50); // the second call is at the provider when Jenkins stops
                }
            });
            sessions.then(r -> {
                // Recovered when Jenkins started, before any step ran.
                WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
                ScopeId build = ScopeId.build(b.getExternalizableId());
                BigDecimal held = ControllerLedger.get().ledger().state(build).settled();
                AiLanesRunAction action = b.getAction(AiLanesRunAction.class);
                assertEquals(0, held.compareTo(new BigDecimal(action.getCostUsd())),
                        "the build's record adds up to what its budget holds: " + held + " vs " + action.getCostUsd());
                assertEquals(2, action.getCalls());
                String audit = java.nio.file.Files.readString(
                        new java.io.File(b.getRootDir(), "ai-lanes/audit.jsonl").toPath());
                assertTrue(audit.contains("\"errorKind\":\"INTERRUPTED\""), audit);
                assertTrue(action.getLedgerEvents().stream().anyMatch(e -> e.contains("\"e\":\"recover\"")), action.getLedgerEvents().toString());
                r.waitForCompletion(b);
            });
        }
    }
}
