package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.config.layer.EffectiveConfig;
import io.ailanes.jenkins.config.AiLanesFolderProperty;
import io.ailanes.jenkins.config.AiLanesGlobalConfiguration;
import io.ailanes.jenkins.config.FolderLaneEntry;
import io.ailanes.jenkins.config.LaneEntry;
import io.ailanes.modelserver.ModelServer;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.Configurator;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.casc.yaml.YamlSource;
import io.jenkins.plugins.casc.yaml.YamlUtils;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * Folder settings ({@link AiLanesFolderProperty}) narrow the global configuration for the folder's jobs, nested folders
 * outermost first: a real Jenkins, real folders, real Pipeline jobs against {@link ModelServer}.
 */
@WithJenkins
class FolderSettingsTest {

    private ModelServer provider;

    @BeforeEach
    void start() throws Exception {
        provider = Fixture.start(Fixture.script(Fixture.APPROVE));
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    /** The fixture's configuration plus a lane of two models and a build cap, for folders to narrow. */
    private void configure() throws Exception {
        Fixture.configure(provider);
        AiLanesGlobalConfiguration global = AiLanesGlobalConfiguration.get();
        List<LaneEntry> lanes = new ArrayList<>(global.getLanes());
        LaneEntry mixed = new LaneEntry("mixed");
        mixed.setModels(List.of("local/planner", "local/chat"));
        lanes.add(mixed);
        global.setLanes(lanes);
        Fixture.budgets("2.00", null);
    }

    private static AiLanesFolderProperty teamA() {
        AiLanesFolderProperty property = new AiLanesFolderProperty();
        FolderLaneEntry mixed = new FolderLaneEntry("mixed");
        mixed.setModels(List.of("local/chat"));
        property.setLanes(List.of(mixed));
        property.setPerBuildUsd("1.00");
        property.setProtectedPaths(List.of("infra/**"));
        return property;
    }

    private static WorkflowJob job(Folder folder, String script) throws Exception {
        WorkflowJob job = folder.createProject(WorkflowJob.class, "job");
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job;
    }

    private static int count(String log, String text) {
        int n = 0;
        for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void nestedFoldersNarrowTheGlobalSettingsAndTheBuildShowsAndAuditsTheEffectiveConfiguration(JenkinsRule r)
            throws Exception {
        configure();
        Folder team = r.jenkins.createProject(Folder.class, "team-a");
        team.addProperty(teamA());
        Folder payments = team.createProject(Folder.class, "payments");
        AiLanesFolderProperty inner = new AiLanesFolderProperty();
        inner.setPerCallUsd("0.50");
        inner.setAllowEscalation("false");
        inner.setRiskClass("critical");
        payments.addProperty(inner);
        WorkflowJob job = job(payments, "echo aiCall(prompt: 'hi', lane: 'mixed')\necho aiCall(prompt: 'again', lane: 'mixed')");

        WorkflowRun b = r.buildAndAssertSuccess(job);

        // The folder took the planner out of the lane: both calls went to the chat model.
        r.assertLogContains("hello from chat", b);
        assertEquals(2, provider.bodies().size());
        provider.bodies().forEach(body -> assertEquals("chat", body.path("model").asText()));
        String log = JenkinsRule.getLog(b);
        assertEquals(1, count(log, "[ai-lanes] effective configuration (global > folder team-a > folder team-a/payments):"),
                "shown once per build, though each step opens the build's run:\n" + log);
        r.assertLogContains("mixed=[local/chat] (folder team-a)", b);
        r.assertLogContains("budgets perCallUsd $0.50 (folder team-a/payments), perBuildUsd $1.00 (folder team-a)", b);
        r.assertLogContains("allowEscalation false (folder team-a/payments)", b);
        r.assertLogContains("riskClass critical (folder team-a/payments)", b);

        Path audit = b.getRootDir().toPath().resolve("ai-lanes/audit.jsonl");
        List<AuditEntry> entries = new ArrayList<>();
        try (AuditReader reader = AuditReader.open(audit)) {
            reader.forEach(entries::add);
        }
        List<AuditEntry> effective = entries.stream()
                .filter(e -> EffectiveConfig.EVENT.equals(e.attributes().get("event"))).toList();
        assertEquals(1, effective.size());
        assertEquals("1.00", effective.get(0).attributes().get("config.budgets.perBuildUsd"));
        assertEquals("folder team-a", effective.get(0).attributes().get("origin.budgets.perBuildUsd"));
        assertEquals("[infra/**]", effective.get(0).attributes().get("config.policy.protectedPaths"));
        assertTrue(AuditVerifier.verify(audit).ok());

        // A job outside the folders runs with the global settings, and nothing is shown.
        WorkflowJob outside = r.createProject(WorkflowJob.class, "outside");
        outside.setDefinition(new CpsFlowDefinition("echo aiCall(prompt: 'hi', lane: 'mixed')", true));
        WorkflowRun plain = r.buildAndAssertSuccess(outside);
        assertEquals("planner", provider.bodies().get(2).path("model").asText(), "the global lane's primary");
        r.assertLogNotContains("effective configuration", plain);
    }

    @Test
    void aFolderThatWidensTheGlobalSettingsFailsTheBuildWithWhatToDoAndSendsNothing(JenkinsRule r) throws Exception {
        configure();
        Folder team = r.jenkins.createProject(Folder.class, "team-a");
        AiLanesFolderProperty widening = teamA();
        widening.setPerBuildUsd("5.00");
        FolderLaneEntry added = new FolderLaneEntry("mixed");
        added.setModels(List.of("local/chat", "local/worker"));
        widening.setLanes(List.of(added));
        team.addProperty(widening);
        WorkflowJob job = job(team, "echo aiCall(prompt: 'hi', lane: 'mixed')");

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("folder 'team-a' sets budgets.perBuildUsd 5.00 above the 2.00 of the global configuration:"
                + " a folder may only lower a cap; remove it or ask the admin to raise the cap in the global"
                + " configuration", b);
        r.assertLogContains("folder 'team-a' lists local/worker in lane 'mixed', which the lane does not have", b);
        assertEquals(0, provider.bodies().size(), "nothing is sent");
    }

    @Test
    void theFolderFormKeepsWhatWasSetAndAnEmptyFormKeepsNothing(JenkinsRule r) throws Exception {
        Folder team = r.jenkins.createProject(Folder.class, "team-a");
        AiLanesFolderProperty property = teamA();
        property.setAllowedProviders(List.of("local"));
        property.setRiskClass("high");
        property.setAllowEscalation("false");
        team.addProperty(property);

        r.configRoundtrip(team);

        AiLanesFolderProperty back = team.getProperties().get(AiLanesFolderProperty.class);
        assertEquals(List.of("local"), back.getAllowedProviders());
        assertEquals("1.00", back.getPerBuildUsd());
        assertEquals(List.of("infra/**"), back.getProtectedPaths());
        assertEquals("high", back.getRiskClass());
        assertEquals("false", back.getAllowEscalation());
        assertEquals(List.of("local/chat"), back.getLanes().get(0).getModels());

        Folder other = r.jenkins.createProject(Folder.class, "other");
        r.configRoundtrip(other);
        assertNull(other.getProperties().get(AiLanesFolderProperty.class), "an empty section adds no property");
    }

    @Test
    void configurationAsCodeExportsAndReadsTheFolderPropertyByItsSymbol(JenkinsRule r) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        Configurator<AbstractFolderProperty> properties = context.lookupOrFail(AbstractFolderProperty.class);
        AiLanesFolderProperty property = teamA();
        property.setRiskClass("high");
        property.setAllowEscalation("false");

        CNode exported = properties.describe(property, context);
        String yaml = Util.toYamlString(exported);
        assertTrue(yaml.contains("aiLanesFolder:"), yaml);
        assertTrue(yaml.contains("perBuildUsd: \"1.00\""), yaml);

        // The docs' form, read back through the same configurator.
        Mapping read = YamlUtils.loadFrom(List.of(YamlSource.of(new ByteArrayInputStream(yaml.getBytes(
                StandardCharsets.UTF_8)))), context);
        AiLanesFolderProperty back = (AiLanesFolderProperty) properties.configure(read, context);
        assertEquals(yaml, Util.toYamlString(properties.describe(back, context)));
        assertEquals("1.00", back.getPerBuildUsd());
        assertEquals(List.of("local/chat"), back.getLanes().get(0).getModels());
        assertEquals("false", back.getAllowEscalation());

        // The block docs/JENKINS.md shows, read through the same configurator.
        String doc = java.nio.file.Files.readString(Path.of(System.getProperty("ai-lanes.docs", "../docs"), "JENKINS.md"));
        int at = doc.indexOf("\naiLanesFolder:\n");
        assertTrue(at > 0, "docs/JENKINS.md shows the folder property");
        String block = doc.substring(at + 1, doc.indexOf("```", at));
        Mapping written = YamlUtils.loadFrom(List.of(YamlSource.of(new ByteArrayInputStream(
                block.getBytes(StandardCharsets.UTF_8)))), context);
        AiLanesFolderProperty fromDoc = (AiLanesFolderProperty) properties.configure(written, context);
        assertEquals(List.of("anthropic", "deepseek"), fromDoc.getAllowedProviders());
        assertEquals("2.00", fromDoc.getPerBuildUsd());
        assertEquals("50", fromDoc.getPerJobMonthUsd());
        assertEquals(List.of("payments/keys/**"), fromDoc.getProtectedPaths());
        assertEquals("false", fromDoc.getAllowEscalation());
        assertEquals("critical", fromDoc.getRiskClass());
        assertEquals(List.of("anthropic/claude-opus-4-5"), fromDoc.getLanes().get(0).getModels());
        assertEquals("folder team-a/payments", fromDoc.toLayer("team-a/payments").origin().label());
    }
}
