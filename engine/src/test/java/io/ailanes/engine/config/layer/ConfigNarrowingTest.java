package io.ailanes.engine.config.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.BudgetSettings;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.risk.RiskClass;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jenkins folders over the global configuration: the same rules as files, named as folders. */
class ConfigNarrowingTest {

    private static final AiLanesConfig GLOBAL = ConfigLoader.read(Path.of("src/test/resources/layers/ai-lanes.yaml"));

    private static ConfigLayer folder(String name, BudgetSettings budgets, Boolean escalation, RiskClass risk) {
        return new ConfigLayer(LayerOrigin.folder(name), null, List.of(), budgets, List.of(), escalation, risk);
    }

    private static BudgetSettings build(String usd) {
        return new BudgetSettings(null, null, new BigDecimal(usd), null, null);
    }

    @Test
    void nestedFoldersNarrowOutermostFirstAndEachValueNamesItsFolder() {
        EffectiveConfig effective = ConfigNarrowing.narrow(GLOBAL, LayerOrigin.GLOBAL, List.of(
                folder("team-a", build("1.50"), false, RiskClass.HIGH),
                folder("team-a/payments", new BudgetSettings(null, null, new BigDecimal("1.00"), new BigDecimal("20"),
                        null), false, RiskClass.HIGH)));
        assertThat(effective.layerPath()).isEqualTo("global > folder team-a > folder team-a/payments");
        assertThat(effective.value("budgets.perBuildUsd")).isEqualTo(
                new EffectiveValue("budgets.perBuildUsd", "1.00", "folder team-a/payments"));
        // A cap the global configuration leaves unset may be set.
        assertThat(effective.value("budgets.perJobMonthUsd").origin()).isEqualTo("folder team-a/payments");
        // Turning escalation off again, or keeping the class, changes nothing: the first folder keeps the credit.
        assertThat(effective.value("policy.allowEscalation").origin()).isEqualTo("folder team-a");
        assertThat(effective.value("riskClass").origin()).isEqualTo("folder team-a");
        assertThat(effective.value("budgets.perCallUsd").origin()).isEqualTo("global");
        assertThat(effective.config().budgets().perCallUsd()).isEqualByComparingTo("0.50");
    }

    @Test
    void aFolderRaisingAGlobalCapIsToldToAskTheAdmin() {
        assertThatThrownBy(() -> ConfigNarrowing.narrow(GLOBAL, LayerOrigin.GLOBAL,
                List.of(folder("team-a", build("5.00"), null, null))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the configuration layers global > folder team-a has 1 problem:\n  - folder 'team-a' sets"
                        + " budgets.perBuildUsd 5.00 above the 2.00 of the global configuration: a folder may only lower"
                        + " a cap; remove it or ask the admin to raise the cap in the global configuration");
    }

    @Test
    void aNestedFolderCannotUndoItsParent() {
        assertThatThrownBy(() -> ConfigNarrowing.narrow(GLOBAL, LayerOrigin.GLOBAL, List.of(
                folder("team-a", build("1.00"), false, RiskClass.CRITICAL),
                folder("team-a/tools", build("1.20"), true, RiskClass.LOW))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "folder 'team-a/tools' sets budgets.perBuildUsd 1.20 above the 1.00 of folder 'team-a': a"
                                + " folder may only lower a cap; remove it or raise the cap in folder 'team-a'",
                        "folder 'team-a/tools' sets policy.allowEscalation true, but folder 'team-a' turned escalation"
                                + " off: a folder may only turn escalation off; remove it or allow escalation in folder"
                                + " 'team-a'",
                        "folder 'team-a/tools' sets riskClass low below critical of folder 'team-a': a folder may only"
                                + " raise the risk class; remove it or set critical or stricter"));
    }

    @Test
    void providersOutsideTheGlobalOnesAndNonPositiveCapsAreRefused() {
        ConfigLayer layer = new ConfigLayer(LayerOrigin.folder("x"), List.of("openai", "mistral"),
                List.of(new LaneNarrowing("reasoning", List.of("openai/gpt-5", "openai/gpt-5"), BigDecimal.ZERO)),
                null, List.of(" "), null, null);
        assertThatThrownBy(() -> ConfigNarrowing.narrow(GLOBAL, LayerOrigin.GLOBAL, List.of(layer)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4).satisfies(p -> {
                    assertThat(p.get(0)).isEqualTo("folder 'x' allows provider 'mistral', which the global configuration"
                            + " does not configure (configured: anthropic, openai, deepseek): a folder may only pick"
                            + " among them; remove it or ask the admin to add the provider");
                    assertThat(p.get(1)).isEqualTo("folder 'x' lists openai/gpt-5 twice in lane 'reasoning'");
                    assertThat(p.get(2)).isEqualTo("folder 'x' sets lanes.reasoning.budgetUsd 0: a cap must be a"
                            + " positive amount of USD");
                    assertThat(p.get(3)).isEqualTo("folder 'x': policy.protectedPaths[0]: empty entry");
                }));
    }

    @Test
    void anEmptyFolderPropertyNarrowsNothing() {
        EffectiveConfig effective = ConfigNarrowing.narrow(GLOBAL, LayerOrigin.GLOBAL,
                List.of(folder("empty", null, null, null)));
        assertThat(effective.layered()).isFalse();
        assertThat(effective.config()).isEqualTo(GLOBAL);
    }
}
