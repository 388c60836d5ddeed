package io.ailanes.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ailanes.engine.lane.Lane;
import io.ailanes.engine.lane.ModelRef;
import io.ailanes.engine.price.PriceCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LanesFactoryTest {

    private static final Set<String> PROVIDERS = new java.util.LinkedHashSet<>(List.of("deepseek", "anthropic", "openai"));

    @Test
    void buildsLanesInOrderWithTheirSettings() {
        Map<String, Lane> lanes = lanes(
                new LaneSettings("reasoning", List.of("anthropic/claude-opus-4-5", "openai/gpt-5"), null, null, null),
                new LaneSettings("execution", List.of("deepseek/deepseek-chat"), "reasoning", null, null),
                new LaneSettings("review", List.of("openai/gpt-5"), null, true, null));

        assertThat(lanes.keySet()).containsExactly("reasoning", "execution", "review");
        assertThat(lanes.get("reasoning").primary()).isEqualTo(new ModelRef("anthropic", "claude-opus-4-5"));
        assertThat(lanes.get("reasoning").models()).hasSize(2);
        assertThat(lanes.get("execution").escalateTo()).isEqualTo("reasoning");
        assertThat(lanes.get("review").allowSameFamily()).isTrue();
        assertThat(lanes.get("reasoning").allowSameFamily()).isFalse();
    }

    @Test
    void aMistypedModelGetsADidYouMean() {
        assertThat(problems(new LaneSettings("execution", List.of("deepseek/deepseek-chat", "deepseek/v4-flsh"), null, null, null)))
                .containsExactly("lanes.execution[1]: unknown model \"deepseek/v4-flsh\"; did you mean \"deepseek/deepseek-v4-flash\"?");
    }

    @Test
    void aModelNothingResemblesIsToldToGetAPrice() {
        assertThat(problems(new LaneSettings("execution", List.of("deepseek/zzzzzzzzzzzzzzzzzzzzzzzzzzzz"), null, null, null)))
                .containsExactly("lanes.execution[0]: unknown model \"deepseek/zzzzzzzzzzzzzzzzzzzzzzzzzzzz\";"
                        + " give it a price under models: in the configuration");
    }

    @Test
    void aModelOfAnUnconfiguredProviderIsNamed() {
        assertThat(problems(new LaneSettings("reasoning", List.of("google/gemini-2.5-pro"), null, null, null)))
                .containsExactly("lanes.reasoning[0]: no provider 'google' for model \"google/gemini-2.5-pro\";"
                        + " configured providers: deepseek, anthropic, openai");
    }

    @Test
    void escalationMustNameAnotherLane() {
        assertThat(problems(
                new LaneSettings("execution", List.of("deepseek/deepseek-chat"), "reasoing", null, null),
                new LaneSettings("reasoning", List.of("openai/gpt-5"), "reasoning", null, null)))
                .containsExactly("lanes[0].escalateTo: no lane 'reasoing'",
                        "lanes[1].escalateTo: a lane cannot escalate to itself");
    }

    @Test
    void structuralProblemsAreAllReported() {
        assertThat(problems(
                new LaneSettings("execution", List.of("deepseek/deepseek-chat"), null, null, null),
                new LaneSettings("execution", List.of("openai/gpt-5"), null, null, null),
                new LaneSettings(" ", List.of("openai/gpt-5"), null, null, null),
                null,
                new LaneSettings("review", List.of(), null, null, null),
                new LaneSettings("plan", List.of("gpt-5"), null, null, null)))
                .containsExactly(
                        "lanes[1].name: duplicate lane 'execution'",
                        "lanes[2].name: missing",
                        "lanes[3]: empty entry",
                        "lanes[4].models: a lane needs at least one model",
                        "lanes.plan[0]: model 'gpt-5' must be written provider/model, e.g. deepseek/deepseek-chat or"
                                + " anthropic/claude-sonnet-4-5");
    }

    private static Map<String, Lane> lanes(LaneSettings... lanes) {
        return LanesFactory.lanes(config(lanes), PROVIDERS, PriceCatalog.bundled(), "ai-lanes.yaml");
    }

    private static List<String> problems(LaneSettings... lanes) {
        return catchThrowableOfType(ConfigException.class, () -> lanes(lanes)).problems();
    }

    private static AiLanesConfig config(LaneSettings... lanes) {
        return new AiLanesConfig(null, null, null, Arrays.asList(lanes), null, null, null, null);
    }
}
