package io.ailanes.engine.config.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.LaneSettings;
import io.ailanes.engine.config.ProviderSettings;
import io.ailanes.engine.config.ValidatedConfig;
import io.ailanes.engine.risk.RiskClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layered files as the CLI reads them: real YAML under {@code src/test/resources/layers/}. */
class LayerFilesTest {

    private static final Path DIR = Path.of("src", "test", "resources", "layers");
    private static final Path BASE = DIR.resolve("ai-lanes.yaml");
    private static final Path TEAM = DIR.resolve("teams/team-a.yaml");
    private static final Path PAYMENTS = DIR.resolve("teams/payments.yaml");

    @TempDir
    Path tmp;

    private static List<String> models(EffectiveConfig effective, String lane) {
        return effective.config().lanes().stream().filter(l -> l.name().equals(lane)).findFirst()
                .map(LaneSettings::models).orElseThrow();
    }

    @Test
    void anExtendsChainNarrowsTheBaseLayerByLayer() {
        EffectiveConfig effective = LayerFiles.read(List.of(PAYMENTS)).narrow();

        assertThat(effective.layers()).extracting(LayerOrigin::label)
                .containsExactly("file " + BASE, "file " + TEAM, "file " + PAYMENTS);
        // team-a allows anthropic and openai only: DeepSeek's model drops out of execution, its provider entry goes.
        assertThat(effective.config().providers()).extracting(ProviderSettings::id).containsExactly("anthropic", "openai");
        assertThat(models(effective, "execution")).containsExactly("openai/gpt-5-mini");
        assertThat(models(effective, "reasoning")).containsExactly("openai/gpt-5", "anthropic/claude-opus-4-5");
        assertThat(models(effective, "review")).containsExactly("anthropic/claude-sonnet-4-5");
        assertThat(effective.config().budgets().perBuildUsd()).isEqualByComparingTo("1.00");
        assertThat(effective.config().budgets().perStepUsd()).isEqualByComparingTo("0.40");
        assertThat(effective.config().budgets().perCallUsd()).isEqualByComparingTo("0.50");
        assertThat(effective.config().budgets().globalPerDayUsd()).isEqualByComparingTo("50");
        assertThat(effective.config().lanes().get(1).budgetUsd()).isEqualByComparingTo("0.75");
        assertThat(effective.config().lanes().get(1).escalateTo()).isEqualTo("reasoning");
        assertThat(effective.config().policy().protectedPaths()).containsExactly("deploy/**", "infra/**", "payments/keys/**");
        assertThat(effective.config().policy().escalationAllowed()).isFalse();
        assertThat(effective.riskClass()).isEqualTo(RiskClass.CRITICAL);

        // Where each value came from.
        assertThat(effective.value("budgets.perBuildUsd").origin()).isEqualTo("file " + PAYMENTS);
        assertThat(effective.value("budgets.perCallUsd").origin()).isEqualTo("file " + BASE);
        assertThat(effective.value("lanes.execution.models").origin()).isEqualTo("file " + TEAM);
        assertThat(effective.value("lanes.reasoning.models").origin()).isEqualTo("file " + TEAM);
        assertThat(effective.value("lanes.review.models").origin()).isEqualTo("file " + PAYMENTS);
        assertThat(effective.value("providers").value()).isEqualTo("[anthropic, openai]");
        assertThat(effective.value("policy.allowEscalation").origin()).isEqualTo("file " + TEAM);
        assertThat(effective.value("policy.protectedPaths").origin())
                .isEqualTo("file " + BASE + ", file " + TEAM + ", file " + PAYMENTS);
        assertThat(effective.value("riskClass").origin()).isEqualTo("file " + PAYMENTS);

        // The effective configuration is a valid one.
        assertThat(ValidatedConfig.problems(effective.config(), BASE)).isEmpty();
    }

    @Test
    void theSameLayersGivenOneByOneGiveTheSameConfiguration() {
        EffectiveConfig chained = LayerFiles.read(List.of(PAYMENTS)).narrow();
        EffectiveConfig listed = LayerFiles.read(List.of(BASE, TEAM, PAYMENTS)).narrow();
        assertThat(listed.config()).isEqualTo(chained.config());
        assertThat(listed.values()).isEqualTo(chained.values());
    }

    @Test
    void theSummaryNamesEveryValueWithItsLayer() {
        EffectiveConfig effective = LayerFiles.read(List.of(PAYMENTS)).narrow();
        assertThat(effective.summaryLines()).containsExactly(
                "effective configuration (file " + BASE + " > file " + TEAM + " > file " + PAYMENTS + "):",
                "  providers [anthropic, openai] (file " + TEAM + ")",
                "  lanes reasoning=[openai/gpt-5, anthropic/claude-opus-4-5] (file " + TEAM + "),"
                        + " execution=[openai/gpt-5-mini] (file " + TEAM + "),"
                        + " review=[anthropic/claude-sonnet-4-5] (file " + PAYMENTS + ")",
                "  lane caps execution $0.75 (file " + PAYMENTS + ")",
                "  budgets perCallUsd $0.50 (file " + BASE + "), perStepUsd $0.40 (file " + PAYMENTS + "),"
                        + " perBuildUsd $1.00 (file " + PAYMENTS + "), globalPerDayUsd $50.00 (file " + BASE + ")",
                "  policy protectedPaths [deploy/**, infra/**, payments/keys/**] (file " + BASE + ", file " + TEAM
                        + ", file " + PAYMENTS + "), allowEscalation false (file " + TEAM + ")",
                "  riskClass critical (file " + PAYMENTS + ")");
        assertThat(effective.auditAttributes())
                .containsEntry("config.budgets.perBuildUsd", "1.00")
                .containsEntry("origin.budgets.perBuildUsd", "file " + PAYMENTS)
                .containsEntry("layers", "file " + BASE + " > file " + TEAM + " > file " + PAYMENTS);
    }

    @Test
    void everyWideningIsRefusedWithTheLayerTheFieldBothValuesAndWhatToDo() {
        assertThatThrownBy(() -> LayerFiles.read(List.of(DIR.resolve("teams/widening.yaml"))).narrow())
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "file '" + DIR.resolve("teams/widening.yaml") + "' allows provider 'deepseek', which file '"
                                + TEAM + "' already left out: a file may only narrow the providers; remove it",
                        "file '" + DIR.resolve("teams/widening.yaml") + "' lists deepseek/deepseek-v4-flash in lane"
                                + " 'execution', which file '" + TEAM + "' already removed: a file may only narrow a"
                                + " lane's models; remove it",
                        "file '" + DIR.resolve("teams/widening.yaml") + "' sets lanes.execution.budgetUsd 3 above the"
                                + " 1.50 of file '" + BASE + "': a file may only lower a cap; remove it or ask the admin"
                                + " to raise the cap in file '" + BASE + "'",
                        "file '" + DIR.resolve("teams/widening.yaml") + "' narrows lane 'planning', which file '" + BASE
                                + "' does not have (lanes: reasoning, execution, review): a file cannot add a lane;"
                                + " remove it or ask the admin to add the lane",
                        "file '" + DIR.resolve("teams/widening.yaml") + "' sets budgets.perBuildUsd 5.00 above the 1.50"
                                + " of file '" + TEAM + "': a file may only lower a cap; remove it or raise the cap in"
                                + " file '" + TEAM + "'",
                        "file '" + DIR.resolve("teams/widening.yaml") + "' sets budgets.globalPerDayUsd 10: that cap"
                                + " holds everything together, so only file '" + BASE + "' sets it; remove it"
                                + " (budgets.perJobMonthUsd or budgets.perBuildUsd cap this file's jobs)",
                        "file '" + DIR.resolve("teams/widening.yaml") + "' sets policy.allowEscalation true, but file '"
                                + TEAM + "' turned escalation off: a file may only turn escalation off; remove it or"
                                + " allow escalation in file '" + TEAM + "'",
                        "file '" + DIR.resolve("teams/widening.yaml") + "' sets riskClass low below high of file '"
                                + TEAM + "': a file may only raise the risk class; remove it or set high or stricter"));
    }

    @Test
    void aNarrowingFileCannotBringProvidersOrOtherBaseOnlyFields() {
        Path file = DIR.resolve("teams/secrets.yaml");
        assertThatThrownBy(() -> LayerFiles.read(List.of(file)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "providers: a narrowing file cannot define providers (they hold endpoints and credentials,"
                                + " which only the base configuration sets); remove it and pick among the base's"
                                + " providers with allowedProviders",
                        "routing: only the base configuration sets this, since a layer may only narrow; remove it (a"
                                + " narrowing file may set allowedProviders, lanes (name, models, budgetUsd), budgets,"
                                + " policy (protectedPaths, allowEscalation) and riskClass)",
                        "lanes[0].escalateTo: only the base configuration sets this, since a layer may only narrow;"
                                + " remove it (a narrowing file may set allowedProviders, lanes (name, models,"
                                + " budgetUsd), budgets, policy (protectedPaths, allowEscalation) and riskClass)",
                        "budgets.perBuildUsdd: unknown field 'perBuildUsdd'; did you mean 'perBuildUsd'?; known"
                                + " fields: perCallUsd, perStepUsd, perBuildUsd, perJobMonthUsd, globalPerDayUsd"))
                .hasMessageStartingWith(file + " has 4 problems");
    }

    @Test
    void anExtendsCycleIsRefusedNamingTheFiles() {
        Path a = DIR.resolve("teams/cycle-a.yaml");
        assertThatThrownBy(() -> LayerFiles.read(List.of(a)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("extends: cycle " + a + " > " + DIR.resolve("teams/cycle-b.yaml") + " > " + a
                        + ": a chain of files must end at a base configuration (a file without extends); remove the"
                        + " extends that leads back");
    }

    @Test
    void aLaneLeftWithoutModelsNamesTheLaneAndTheLayers() {
        Path only = DIR.resolve("teams/only-anthropic.yaml");
        assertThatThrownBy(() -> LayerFiles.read(List.of(BASE, only)).narrow())
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "lane 'execution' has no model left after file '" + only + "' (allowedProviders [anthropic]):"
                                + " its models were [deepseek/deepseek-v4-flash, openai/gpt-5-mini] in file '" + BASE
                                + "'; allow the provider of one of them, or ask the admin to add a model of an allowed"
                                + " provider to the lane"));
    }

    @Test
    void aLaterFileMayNameItsBaseWithExtendsButNoOtherFile() throws Exception {
        // team-a extends the base, which is already first: the same chain.
        assertThat(LayerFiles.read(List.of(BASE, TEAM)).narrow().config())
                .isEqualTo(LayerFiles.read(List.of(TEAM)).narrow().config());
        Path other = tmp.resolve("other.yaml");
        Files.writeString(other, "providers: []\n");
        Path stray = tmp.resolve("stray.yaml");
        Files.writeString(stray, "extends: other.yaml\n");
        assertThatThrownBy(() -> LayerFiles.read(List.of(BASE, stray)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("extends: other.yaml is not among the files before it (" + BASE
                        + "): give that file first, or drop extends and rely on the order of --provider-config");
        assertThatThrownBy(() -> LayerFiles.read(List.of(BASE, BASE)))
                .hasMessageContaining("given twice");
    }

    @Test
    void aSingleBaseFileIsNotLayered() {
        EffectiveConfig effective = LayerFiles.read(List.of(BASE)).narrow();
        assertThat(effective.layered()).isFalse();
        assertThat(effective.config().lanes()).isEqualTo(
                io.ailanes.engine.config.ConfigLoader.read(BASE).lanes());
        assertThat(ValidatedConfig.validate(effective.config(), BASE, id -> Optional.of("k")).lanes()).hasSize(3);
    }

    @Test
    void badValuesInANarrowingFileAreAllReported() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "extends: " + BASE.toAbsolutePath() + "\nriskClass: medium\nbudgets: {perBuildUsd: lots}\n"
                + "policy: {allowEscalation: maybe}\nallowedProviders: openai\n");
        assertThatThrownBy(() -> LayerFiles.read(List.of(file)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "allowedProviders: must be a list, e.g. [a, b]",
                        "budgets.perBuildUsd: 'lots' is not an amount of USD",
                        "policy.allowEscalation: must be false (a narrowing file may only turn escalation off), was"
                                + " \"maybe\"",
                        "riskClass: unknown risk class 'medium': use one of low, high, critical"));
    }
}
