package io.ailanes.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.jenkins.config.AiLanesGlobalConfiguration;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unclassified: aiLanes:} in Configuration as Code: the ai-lanes.yaml fields, and export then apply. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @TempDir
    Path dir;

    @Test
    @ConfiguredWithCode("casc.yaml")
    void exportingThenApplyingTheExportGivesTheSameConfiguration(JenkinsConfiguredWithCodeRule r) throws Exception {
        AiLanesGlobalConfiguration global = AiLanesGlobalConfiguration.get();
        AiLanesConfig loaded = global.toConfig();
        assertEquals("http://127.0.0.1:9/v1", loaded.providers().get(0).baseUrl());
        assertEquals("llm-key", loaded.providers().get(0).credentialsId());
        assertEquals(Map.of("X-Title", "AI Lanes test"), loaded.providers().get(0).headers());
        assertEquals("2m", loaded.providers().get(0).timeouts().firstByte());
        assertEquals(3, loaded.providers().get(0).retry().maxAttempts());
        assertEquals(new BigDecimal("15"), loaded.models().get(0).price().input());
        assertEquals(List.of("planner-latest"), loaded.models().get(0).aliases());
        assertEquals(List.of("local/planner", "local/worker"), loaded.lanes().get(1).models());
        assertEquals(new BigDecimal("2"), loaded.lanes().get(1).budgetUsd());
        assertEquals(new BigDecimal("200"), loaded.budgets().perJobMonthUsd());
        assertEquals(List.of("deploy/**"), loaded.policy().protectedPaths());
        assertFalse(loaded.policy().escalationAllowed());
        assertEquals("full", loaded.audit());

        CNode node = Util.getUnclassifiedRoot(new ConfigurationContext(ConfiguratorRegistry.get())).get("aiLanes");
        String exported = Util.toYamlString(node);
        assertFalse(exported.contains("AI Lanes test"), "header values are exported encrypted");

        global.setProviders(List.of());
        global.setModels(List.of());
        global.setLanes(List.of());
        global.setBudgets(null);
        global.setRouting(null);
        global.setPolicy(null);
        global.setAudit(null);
        Path file = dir.resolve("exported.yaml");
        Files.writeString(file, "unclassified:\n  aiLanes:\n" + exported.indent(4));
        ConfigurationAsCode.get().configure(file.toString());

        assertEquals(loaded, AiLanesGlobalConfiguration.get().toConfig());
    }
}
