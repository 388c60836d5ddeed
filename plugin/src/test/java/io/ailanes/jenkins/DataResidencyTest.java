package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Result;
import io.ailanes.jenkins.config.AiLanesGlobalConfiguration;
import io.ailanes.jenkins.config.AiLanesRiskProperty;
import io.ailanes.jenkins.config.LaneEntry;
import io.ailanes.jenkins.config.ModelEntry;
import io.ailanes.jenkins.config.PolicyEntry;
import io.ailanes.jenkins.config.PriceEntry;
import io.ailanes.jenkins.config.ProviderEntry;
import io.ailanes.jenkins.config.RiskClassEntry;
import io.ailanes.modelserver.ModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * policy.allowedRegions in a real build: with {@code allowedRegions: [eu]} and a lane [us provider, eu provider], only
 * the EU server is called, the log names the skip, and the build page says where the data went. A job of risk class
 * {@code critical} whose bundle allows only {@code eu} (set by the Jenkinsfile of docs/JENKINS.md) never calls a
 * provider elsewhere, though the global configuration allows it, and its log names the class.
 */
@WithJenkins
class DataResidencyTest {

    private ModelServer us;
    private ModelServer eu;

    @BeforeEach
    void start() throws Exception {
        us = Fixture.start(Fixture.script(Fixture.APPROVE));
        eu = Fixture.start(Fixture.script(Fixture.APPROVE));
    }

    @AfterEach
    void stop() {
        us.close();
        eu.close();
    }

    /** Two providers of the same wire format in different regions, one lane over both, and the region policy. */
    private static void configure(ModelServer us, ModelServer eu, List<String> chatLane) throws Exception {
        Fixture.configure(us);
        AiLanesGlobalConfiguration config = AiLanesGlobalConfiguration.get();
        ProviderEntry usProvider = new ProviderEntry("us-provider", "openai", us.openAiBaseUrl());
        usProvider.setCredentialsId(Fixture.CREDENTIALS_ID);
        usProvider.setDataRegion(List.of("us"));
        ProviderEntry euProvider = new ProviderEntry("eu-provider", "openai", eu.openAiBaseUrl());
        euProvider.setCredentialsId(Fixture.CREDENTIALS_ID);
        euProvider.setDataRegion(List.of("eu"));
        config.setProviders(List.of(usProvider, euProvider));
        config.setModels(List.of(model("us-provider/chat"), model("eu-provider/chat")));
        LaneEntry chat = new LaneEntry("chat");
        chat.setModels(chatLane);
        config.setLanes(List.of(chat));
        PolicyEntry policy = new PolicyEntry();
        policy.setAllowedRegions(List.of("eu"));
        config.setPolicy(policy);
        config.save();
    }

    private static ModelEntry model(String ref) {
        ModelEntry model = new ModelEntry(ref);
        model.setFamily(ref.substring(0, ref.indexOf('/')));
        model.setPrice(new PriceEntry("0.1", "0.4"));
        model.setContextWindow("200000");
        model.setMaxOutputTokens("32000");
        return model;
    }

    private WorkflowRun run(JenkinsRule r, String script, Result expected) throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return r.buildAndAssertStatus(expected, p);
    }

    @Test
    void onlyTheProviderInAnAllowedRegionIsCalled(JenkinsRule r) throws Exception {
        configure(us, eu, List.of("us-provider/chat", "eu-provider/chat"));

        WorkflowRun b = run(r, "echo aiCall(prompt: 'hi', lane: 'chat')", Result.SUCCESS);

        r.assertLogContains("hello from chat", b);
        r.assertLogContains("chat: us-provider/chat skipped, provider us-provider processes data in us, outside"
                + " policy.allowedRegions [eu]", b);
        assertEquals(0, us.bodies().size(), "the provider outside the allowed regions is never called");
        assertEquals(1, eu.bodies().size());

        String page = r.createWebClient().getPage(b).getWebResponse().getContentAsString();
        assertTrue(page.contains("Data went to eu-provider in eu (configured): 1 call"), page);
        assertTrue(page.contains("Data went to us-provider in us (configured): 0 calls"), page);
        assertTrue(page.contains("skipped 1\u00d7 by policy.allowedRegions"), page);
        assertTrue(page.contains("Allowed data regions (policy.allowedRegions): eu"), page);
    }

    @Test
    void theRegionFieldsSurviveTheFormAndReachTheEngine(JenkinsRule r) throws Exception {
        configure(us, eu, List.of("us-provider/chat", "eu-provider/chat"));
        AiLanesGlobalConfiguration.get().getProviders().get(1).setDataRegion(List.of("eu, de"));

        r.configRoundtrip();

        AiLanesGlobalConfiguration config = AiLanesGlobalConfiguration.get();
        assertEquals(List.of("us"), config.getProviders().get(0).getDataRegion());
        assertEquals(List.of("eu", "de"), config.getProviders().get(1).getDataRegion());
        assertEquals(List.of("eu"), config.getPolicy().getAllowedRegions());
        assertEquals(List.of("eu"), config.toConfig().policy().allowedRegions());
        assertEquals(List.of("eu", "de"), config.toConfig().providers().get(1).dataRegion());
    }

    @Test
    void aLaneWithNoAllowedModelFailsTheStepNamingTheRule(JenkinsRule r) throws Exception {
        configure(us, eu, List.of("us-provider/chat"));

        WorkflowRun b = run(r, "aiCall prompt: 'hi', lane: 'chat'", Result.FAILURE);

        r.assertLogContains("every model of the lane is outside policy.allowedRegions, so nothing was sent", b);
        assertEquals(0, us.bodies().size());
        assertEquals(0, eu.bodies().size());
    }

    /** The Jenkinsfile docs/JENKINS.md shows for a critical job whose calls stay in the class's regions. */
    private static String docJenkinsfile() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("ai-lanes.docs", "../docs"), "JENKINS.md"));
        int at = doc.indexOf("```groovy\n// A critical job");
        assertTrue(at >= 0, "docs/JENKINS.md shows the critical job's Jenkinsfile");
        int start = doc.indexOf('\n', at) + 1;
        return doc.substring(start, doc.indexOf("```", start));
    }

    /**
     * The regions of the docs' example: providers in cn and eu over the lane {@code execution}, no global region
     * policy, and a {@code critical} bundle allowing only eu.
     */
    private static void configureCritical(ModelServer cn, ModelServer eu, List<String> execution) throws Exception {
        configure(cn, eu, List.of("us-provider/chat"));
        AiLanesGlobalConfiguration config = AiLanesGlobalConfiguration.get();
        config.getProviders().get(0).setDataRegion(List.of("cn"));
        LaneEntry lane = new LaneEntry("execution");
        lane.setModels(execution);
        config.setLanes(List.of(lane));
        config.setPolicy(new PolicyEntry());
        RiskClassEntry critical = new RiskClassEntry("critical");
        critical.setAllowedRegions(List.of("eu"));
        config.setRiskClasses(List.of(critical));
        config.save();
    }

    @Test
    void aCriticalJobFromTheDocsNeverCallsTheProviderOutsideItsClassRegions(JenkinsRule r) throws Exception {
        // us stands in for a provider in cn here: the global configuration allows every region.
        configureCritical(us, eu, List.of("us-provider/chat", "eu-provider/chat"));

        WorkflowJob p = r.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(docJenkinsfile(), true));
        WorkflowRun b = r.buildAndAssertSuccess(p);

        assertEquals("critical", p.getProperty(AiLanesRiskProperty.class).getRiskClass(), "set by the Jenkinsfile");
        assertEquals(0, us.bodies().size(), "the provider in cn is never called");
        assertEquals(1, eu.bodies().size());
        r.assertLogContains("execution: us-provider/chat skipped, provider us-provider processes data in cn, outside"
                + " policy.allowedRegions [eu] (set by risk class critical)", b);
        r.assertLogContains("effective configuration (global > risk class critical):", b);
        r.assertLogContains("allowedRegions [eu] (risk class critical)", b);
        String page = r.createWebClient().getPage(b).getWebResponse().getContentAsString();
        assertTrue(page.contains("Allowed data regions (policy.allowedRegions): eu"), page);
    }

    @Test
    void aCriticalJobWithNoModelItsClassAllowsFailsNamingTheClass(JenkinsRule r) throws Exception {
        configureCritical(us, eu, List.of("us-provider/chat"));

        WorkflowRun b = run(r, "properties([aiLanesRisk('critical')])\naiCall prompt: 'hi', lane: 'execution'",
                Result.FAILURE);

        r.assertLogContains("every model of the lane is outside policy.allowedRegions (set by risk class critical), so"
                + " nothing was sent", b);
        r.assertLogContains("allowedRegions of risk class critical (riskClasses; in Jenkins, the risk class's Allowed"
                + " data regions)", b);
        assertEquals(0, us.bodies().size());
        assertEquals(0, eu.bodies().size());
    }

    @Test
    void theClassRegionsSurviveTheForm(JenkinsRule r) throws Exception {
        configureCritical(us, eu, List.of("eu-provider/chat"));
        AiLanesGlobalConfiguration.get().getRiskClasses().get(0).setAllowedRegions(List.of("eu, ch"));

        r.configRoundtrip();

        RiskClassEntry critical = AiLanesGlobalConfiguration.get().getRiskClasses().get(0);
        assertEquals(List.of("eu", "ch"), critical.getAllowedRegions());
        assertEquals(List.of("eu", "ch"), AiLanesGlobalConfiguration.get().toConfig().riskClasses().get(0).allowedRegions());
    }
}
