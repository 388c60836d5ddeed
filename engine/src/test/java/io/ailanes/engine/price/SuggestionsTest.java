package io.ailanes.engine.price;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> MODELS = List.of(
            "deepseek/deepseek-v4-flash", "deepseek/deepseek-chat", "anthropic/claude-opus-4-5",
            "anthropic/claude-sonnet-4-5", "qwen/qwen3-coder-plus");

    @Test
    void findsAShortenedMistypedModelInsideTheRightName() {
        assertThat(Suggestions.closest("deepseek/v4-flsh", MODELS)).contains("deepseek/deepseek-v4-flash");
    }

    @Test
    void findsPlainTypos() {
        assertThat(Suggestions.closest("anthropic/claude-opsu-4-5", MODELS)).contains("anthropic/claude-opus-4-5");
        assertThat(Suggestions.closest("qwen/qwen3-codr-plus", MODELS)).contains("qwen/qwen3-coder-plus");
    }

    @Test
    void suggestsNothingForSomethingUnrelated() {
        assertThat(Suggestions.closest("acme/llama-70b", MODELS)).isEmpty();
        assertThat(Suggestions.closest("deepseek/xyz", MODELS)).isEmpty();
    }

    @Test
    void distancesAreLevenshtein() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.infixDistance("v4-flsh", "deepseek-v4-flash")).isEqualTo(1);
    }
}
