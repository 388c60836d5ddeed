package io.ailanes.engine.riskpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.budget.InMemoryLedgerStore;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.config.layer.ConfigLayer;
import io.ailanes.engine.config.layer.ConfigNarrowing;
import io.ailanes.engine.config.layer.EffectiveConfig;
import io.ailanes.engine.config.layer.LayerOrigin;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.lane.NoModelAvailableException;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.report.PolicyEvent;
import io.ailanes.engine.risk.RiskClass;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.AuditReports;
import io.ailanes.engine.testing.Responses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A risk class's {@code allowedRegions} over real HTTP: the class narrows the allowed regions the run opens with, so a
 * provider outside them gets no request (its server counts zero), the skip and a lane left without a model name the
 * class, the effective configuration records it as the origin, and the class's decisions list the narrowing.
 */
class RiskRegionsTest {

    private static final String OK = Responses.chatCompletion("m", "done", 1000, 200);

    @TempDir
    Path dir;

    /** Stands in for a provider processing data in China. */
    private final MockWebServer cn = new MockWebServer();
    /** Stands in for an EU deployment. */
    private final MockWebServer eu = new MockWebServer();
    private final List<String> console = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        cn.start();
        eu.start();
    }

    @AfterEach
    void stop() {
        cn.close();
        eu.close();
    }

    private Path file;

    private AiLanesConfig config(String lane, String policy, String riskClasses) throws Exception {
        file = dir.resolve("ai-lanes.yaml");
        Files.writeString(file, "providers:\n"
                + "  - id: deepseek\n    kind: openai\n    baseUrl: " + cn.url("/v1") + "\n    dataRegion: cn\n"
                + "    retry: {maxAttempts: 1}\n"
                + "  - id: qwen\n    kind: openai\n    baseUrl: " + eu.url("/v1") + "\n    dataRegion: [eu]\n"
                + "    retry: {maxAttempts: 1}\n"
                + "lanes:\n  - name: execution\n    models: " + lane + "\n"
                + policy + riskClasses);
        return ConfigLoader.read(file);
    }

    private static final String CRITICAL_EU = "riskClasses:\n  - name: critical\n    allowedRegions: [eu]\n";

    private AiRun open(RiskPolicy.Narrowed narrowed) {
        AiRun run = AiRun.open(narrowed.config(), file, name -> Optional.empty(),
                new AiRun.Options("job#3", "job", dir.resolve("out"), null, AuditMode.HASHES, new InMemoryLedgerStore(),
                        console::add, Clock.systemUTC()), null);
        run.recordEffectiveConfig(narrowed.config());
        return run;
    }

    private static void call(AiRun run) {
        run.call("implement", "execution", ChatRequest.builder("x").user("Fix it").maxOutputTokens(500).build(), 100,
                null, CallListener.NONE, Cancellation.none(), Map.of());
    }

    private RiskPolicy.Narrowed critical(AiLanesConfig config) {
        return RiskPolicy.of(config, RiskClass.CRITICAL, "--risk-class")
                .narrow(EffectiveConfig.unlayered(config, LayerOrigin.file("ai-lanes.yaml")));
    }

    @Test
    void theClassNarrowsTheRegionsBeforeTheRunOpensAndAProviderOutsideThemIsNeverCalled() throws Exception {
        eu.enqueue(Responses.json(200, OK));
        AiLanesConfig config = config("[deepseek/deepseek-chat, qwen/qwen3-coder-plus]",
                "policy:\n  allowedRegions: [eu, cn]\n", CRITICAL_EU);
        RiskPolicy.Narrowed narrowed = critical(config);

        assertThat(narrowed.config().config().policy().allowedRegions()).containsExactly("eu");
        assertThat(narrowed.config().value("policy.allowedRegions").origin()).isEqualTo("risk class critical");
        assertThat(narrowed.config().layerPath()).isEqualTo("file ai-lanes.yaml > risk class critical");
        RiskPolicy.LaneChoice plan = narrowed.policy().plan("execution", List.of());
        assertThat(plan.decisions()).extracting(RiskDecision::kind)
                .startsWith(PolicyEvent.RISK_CLASS, PolicyEvent.RISK_REGIONS);
        RiskDecision regions = plan.decisions().get(1);
        assertThat(regions.step()).isEqualTo("plan");
        assertThat(regions.message()).isEqualTo("data regions narrowed to [eu] (allowed before: [eu, cn]): class"
                + " critical allows only eu (riskClasses: allowedRegions)");

        try (AiRun run = open(narrowed)) {
            narrowed.policy().record(run, "execution", plan.decisions());
            call(run);
            run.writeReports("risk regions");
        }

        assertThat(cn.getRequestCount()).as("the provider in cn is never called").isZero();
        assertThat(eu.getRequestCount()).isEqualTo(1);
        String skip = "provider deepseek processes data in cn, outside policy.allowedRegions [eu] (set by risk class"
                + " critical)";
        assertThat(console).anyMatch(line -> line.contains("execution: deepseek/deepseek-chat skipped, " + skip));
        assertThat(console).anyMatch(line -> line.contains("allowedRegions [eu] (risk class critical)"));

        List<AuditEntry> entries = new ArrayList<>();
        try (AuditReader reader = AuditReader.open(dir.resolve("out/audit.jsonl"))) {
            reader.forEach(entries::add);
        }
        AuditEntry effective = entries.get(0);
        assertThat(effective.attributes()).containsEntry("event", EffectiveConfig.EVENT)
                .containsEntry("config.policy.allowedRegions", "[eu]")
                .containsEntry("origin.policy.allowedRegions", "risk class critical")
                .containsEntry("layers", "file ai-lanes.yaml > risk class critical");
        AuditEntry refused = entries.stream()
                .filter(e -> AuditReports.REGION_NOT_ALLOWED.equals(e.errorKind())).findFirst().orElseThrow();
        assertThat(refused.errorMessage()).isEqualTo(skip);
        assertThat(refused.attributes()).containsEntry("allowedRegions", "eu");

        JsonNode cost = Json.tryParse(Files.readString(dir.resolve("out/cost.json"))).orElseThrow();
        assertThat(cost.at("/residency/allowedRegions").toString()).isEqualTo("[\"eu\"]");
        List<String> kinds = new ArrayList<>();
        cost.at("/risk/decisions").forEach(d -> kinds.add(d.get("kind").asText()));
        assertThat(kinds).contains(PolicyEvent.RISK_REGIONS);
        assertThat(Files.readString(dir.resolve("out/report.html"))).contains("data regions narrowed to [eu]");
    }

    @Test
    void aLaneWithNoModelTheClassAllowsFailsNamingTheClassAndWhatToChange() throws Exception {
        RiskPolicy.Narrowed narrowed = critical(config("[deepseek/deepseek-chat]", "", CRITICAL_EU));
        assertThat(narrowed.config().config().policy().allowedRegions()).as("no global list: the class's").containsExactly("eu");

        try (AiRun run = open(narrowed)) {
            assertThatThrownBy(() -> call(run))
                    .isInstanceOf(NoModelAvailableException.class)
                    .hasMessageContaining("deepseek/deepseek-chat skipped, provider deepseek processes data in cn,"
                            + " outside policy.allowedRegions [eu] (set by risk class critical)")
                    .hasMessageContaining("every model of the lane is outside policy.allowedRegions (set by risk class"
                            + " critical), so nothing was sent")
                    .hasMessageContaining("or allow its region in allowedRegions of risk class critical (riskClasses;");
        }
        assertThat(cn.getRequestCount()).isZero();
        assertThat(eu.getRequestCount()).isZero();
    }

    @Test
    void aClassOnlyNarrowsAndOneWithNothingInCommonFailsBeforeTheRunOpens() throws Exception {
        // Wider than the global list: nothing changes, the list stays the configuration's, no decision.
        AiLanesConfig wider = config("[qwen/qwen3-coder-plus]", "policy:\n  allowedRegions: [eu]\n",
                "riskClasses:\n  - name: critical\n    allowedRegions: [eu, us]\n");
        RiskPolicy.Narrowed same = critical(wider);
        assertThat(same.config().config().policy().allowedRegions()).containsExactly("eu");
        assertThat(same.config().value("policy.allowedRegions").origin()).isEqualTo("file ai-lanes.yaml");
        assertThat(same.config().layered()).isFalse();
        assertThat(same.policy().plan("execution", List.of()).decisions()).extracting(RiskDecision::kind)
                .doesNotContain(PolicyEvent.RISK_REGIONS);

        AiLanesConfig apart = config("[qwen/qwen3-coder-plus]", "policy:\n  allowedRegions: [us]\n", CRITICAL_EU);
        assertThatThrownBy(() -> critical(apart))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("risk class 'critical' allows data regions [eu], none of which file ai-lanes.yaml"
                        + " allows [us]: no provider could be called; change allowedRegions of risk class critical");
    }

    @Test
    void underAFolderTheClassKeepsOnlyWhatBothAllowAndNamesItself() throws Exception {
        AiLanesConfig config = config("[qwen/qwen3-coder-plus]", "policy:\n  allowedRegions: [eu, us, cn]\n",
                "riskClasses:\n  - name: critical\n    allowedRegions: [us, eu]\n");
        EffectiveConfig folders = ConfigNarrowing.narrow(config, LayerOrigin.GLOBAL, List.of(new ConfigLayer(
                LayerOrigin.folder("team-a"), null, null, null, null, null, null, List.of("eu", "cn"))));

        RiskPolicy.Narrowed narrowed = RiskPolicy.of(config, RiskClass.CRITICAL, "the job").narrow(folders);

        assertThat(narrowed.config().config().policy().allowedRegions()).containsExactly("eu");
        assertThat(narrowed.config().layerPath()).isEqualTo("global > folder team-a > risk class critical");
        assertThat(narrowed.config().regionPolicy().setBy()).isEqualTo("risk class critical");
        assertThat(folders.regionPolicy().setBy()).as("a folder's list names the folder").isEqualTo("folder team-a");
        assertThat(folders.regionPolicy().setting()).contains("Allowed data regions of folder 'team-a'");
        assertThat(EffectiveConfig.unlayered(config, LayerOrigin.GLOBAL).regionPolicy().setBy())
                .as("the base's own list names no layer").isNull();
    }

    @Test
    void noClassLimitsRegionsByDefault() throws Exception {
        AiLanesConfig config = config("[qwen/qwen3-coder-plus]", "", "");
        for (RiskClass c : RiskClass.values()) {
            assertThat(RiskBundle.of(c, config).allowedRegions()).as(c.id()).isNull();
            EffectiveConfig base = EffectiveConfig.unlayered(config, LayerOrigin.GLOBAL);
            assertThat(RiskPolicy.of(config, c, "test").narrow(base).config()).isSameAs(base);
        }
    }

    @Test
    void badRegionsOfAClassAreConfigurationProblemsWithTheirPaths() throws Exception {
        AiLanesConfig empty = config("[qwen/qwen3-coder-plus]", "",
                "riskClasses:\n  - name: critical\n    allowedRegions: []\n");
        AiLanesConfig badName = config("[qwen/qwen3-coder-plus]", "",
                "riskClasses:\n  - name: high\n  - name: critical\n    allowedRegions: [eu, 'Europe/Paris']\n");

        assertThatThrownBy(() -> open(critical(empty)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("riskClasses[0].allowedRegions: an empty list allows no provider at all");
        assertThatThrownBy(() -> open(critical(badName)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("riskClasses[1].allowedRegions[1]: 'Europe/Paris' is not a region name");
        assertThat(cn.getRequestCount() + eu.getRequestCount()).isZero();
    }
}
