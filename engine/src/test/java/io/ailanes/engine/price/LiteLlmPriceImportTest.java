package io.ailanes.engine.price;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LiteLlmPriceImportTest {

    private static Map<String, ModelPrice> importExcerpt(String provider) throws Exception {
        try (InputStream in = LiteLlmPriceImportTest.class.getResourceAsStream("/prices/litellm_excerpt_2026-03-03.json")) {
            List<ModelPrice> prices = LiteLlmPriceImport.read(in, provider, LocalDate.parse("2026-03-03"), "excerpt");
            return prices.stream().collect(Collectors.toMap(ModelPrice::ref, Function.identity()));
        }
    }

    @Test
    void convertsPerTokenFloatsToExactPerMillionDecimals() throws Exception {
        ModelPrice sonnet = importExcerpt(null).get("anthropic/claude-sonnet-4-5");
        // 3e-06 → 3 ; 1.5e-05 → 15 ; 3e-07 → 0.3 ; 3.75e-06 → 3.75 — the exact decimals, no float residue.
        assertThat(sonnet.prices().input()).isEqualTo(new BigDecimal("3"));
        assertThat(sonnet.prices().output()).isEqualTo(new BigDecimal("15"));
        assertThat(sonnet.prices().cacheRead()).isEqualTo(new BigDecimal("0.3"));
        assertThat(sonnet.prices().cacheWrite()).isEqualTo(new BigDecimal("3.75"));
        assertThat(sonnet.contextWindow()).isEqualTo(200_000L);
        assertThat(sonnet.family()).isEqualTo("anthropic");
        assertThat(sonnet.tiers()).singleElement().satisfies(tier -> {
            assertThat(tier.aboveInputTokens()).isEqualTo(200_000);
            assertThat(tier.prices().input()).isEqualTo(new BigDecimal("6"));
            assertThat(tier.prices().output()).isEqualTo(new BigDecimal("22.5"));
            assertThat(tier.prices().cacheRead()).isEqualTo(new BigDecimal("0.6"));
            assertThat(tier.prices().cacheWrite()).isEqualTo(new BigDecimal("7.5"));
        });
    }

    @Test
    void readsTieredPricingRanges() throws Exception {
        ModelPrice qwen = importExcerpt("dashscope").get("dashscope/qwen3-coder-plus");
        assertThat(qwen.prices().input()).isEqualTo(new BigDecimal("1"));
        assertThat(qwen.prices().output()).isEqualTo(new BigDecimal("5"));
        assertThat(qwen.tiers()).extracting(PriceTier::aboveInputTokens).containsExactly(32_000L, 128_000L, 256_000L);
        assertThat(qwen.pricesFor(40_000).input()).isEqualTo(new BigDecimal("1.8"));
        assertThat(qwen.family()).isEqualTo("qwen");
    }

    @Test
    void keepsOnlyPricedChatModelsOfTheRequestedProvider() throws Exception {
        assertThat(importExcerpt(null)).containsOnlyKeys("anthropic/claude-sonnet-4-5", "gemini/gemini-2.5-pro",
                "deepseek/deepseek-chat", "dashscope/qwen3-coder-plus");
        assertThat(importExcerpt("deepseek")).containsOnlyKeys("deepseek/deepseek-chat");
        ModelPrice deepseek = importExcerpt("deepseek").get("deepseek/deepseek-chat");
        assertThat(deepseek.prices().cacheRead()).isEqualTo(new BigDecimal("0.028"));
        assertThat(deepseek.source()).isEqualTo("excerpt");
        assertThat(deepseek.asOf()).isEqualTo(LocalDate.parse("2026-03-03"));
    }

    @Test
    void theExcerptCarriesItsProvenance() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/prices/SOURCES.md")) {
            assertThat(new String(in.readAllBytes())).contains("litellm_excerpt_2026-03-03.json", "BerriAI/litellm",
                    "40ed704636477993");
        }
    }
}
