package io.ailanes.engine.price;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Costs against hand-computed values (arithmetic in the comments), with the bundled catalog's prices. */
class CostCalculatorTest {

    private final PriceCatalog catalog = PriceCatalog.bundled();

    private static BigDecimal usd(String value) {
        return new BigDecimal(value);
    }

    @Test
    void everyBucketAtItsOwnRateOnClaudeSonnet45() {
        // Sonnet 4.5 per million: input 3, cache read 0.3, cache write 5m 3.75, 1h 6, output 15.
        Usage usage = new Usage(10_000, 50_000, 4_000, 2_000, 1_500, 700);
        Cost cost = CostCalculator.cost(catalog.require("anthropic/claude-sonnet-4-5"), usage);
        // input      10,000 × 3     / 1e6 = 0.03
        // cache read 50,000 × 0.3   / 1e6 = 0.015
        // writes      4,000 × 3.75  / 1e6 = 0.015 ; 2,000 × 6 / 1e6 = 0.012 ; together 0.027
        // output      1,500 × 15    / 1e6 = 0.0225
        // reasoning     700 × 15    / 1e6 = 0.0105 (billed as output)
        assertThat(cost.input()).isEqualByComparingTo(usd("0.03"));
        assertThat(cost.cacheRead()).isEqualByComparingTo(usd("0.015"));
        assertThat(cost.cacheWrite()).isEqualByComparingTo(usd("0.027"));
        assertThat(cost.output()).isEqualByComparingTo(usd("0.0225"));
        assertThat(cost.reasoning()).isEqualByComparingTo(usd("0.0105"));
        assertThat(cost.total()).isEqualByComparingTo(usd("0.105"));
    }

    @Test
    void gemini25ProSwitchesTierAbove200kInputTokens() {
        ModelPrice pro = catalog.require("gemini/gemini-2.5-pro");
        // Exactly 200,000 input tokens: base rates, input 1.25, output 10.
        // 200,000 × 1.25 / 1e6 = 0.25 ; 1,000 × 10 / 1e6 = 0.01
        assertThat(CostCalculator.cost(pro, new Usage(200_000, 0, 0, 0, 1_000, 0)).total())
                .isEqualByComparingTo(usd("0.26"));
        // 200,001 input tokens: the tier above 200k, input 2.5, output 15.
        // 200,001 × 2.5 / 1e6 = 0.5000025 ; 1,000 × 15 / 1e6 = 0.015
        assertThat(CostCalculator.cost(pro, new Usage(200_001, 0, 0, 0, 1_000, 0)).total())
                .isEqualByComparingTo(usd("0.5150025"));
        // Cached tokens count towards the threshold: 150,000 plain + 60,000 cached = 210,000 > 200,000.
        // 150,000 × 2.5 / 1e6 = 0.375 ; 60,000 × 0.25 / 1e6 = 0.015 ; 500 thoughts × 15 / 1e6 = 0.0075
        assertThat(CostCalculator.cost(pro, new Usage(150_000, 60_000, 0, 0, 0, 500)).total())
                .isEqualByComparingTo(usd("0.3975"));
    }

    @Test
    void deepSeekCacheHitsAtTheHitRate() {
        // deepseek-chat per million: input (miss) 0.28, cache hit 0.028, output 0.42.
        // 2,000 × 0.28 / 1e6 = 0.00056 ; 8,000 × 0.028 / 1e6 = 0.000224 ; 500 × 0.42 / 1e6 = 0.00021
        Cost cost = CostCalculator.cost(catalog.require("deepseek/deepseek-chat"), new Usage(2_000, 8_000, 0, 0, 500, 0));
        assertThat(cost.total()).isEqualByComparingTo(usd("0.000994"));
        assertThat(cost.cacheRead()).isEqualByComparingTo(usd("0.000224"));
    }

    @Test
    void gpt5ReasoningTokensAreBilledAsOutput() {
        // gpt-5 per million: input 1.25, cached 0.125, output 10.
        // 1,000 × 1.25 = 0.00125 ; 3,000 × 0.125 = 0.000375 ; 200 × 10 = 0.002 ; 1,800 × 10 = 0.018
        Cost cost = CostCalculator.cost(catalog.require("openai/gpt-5"), new Usage(1_000, 3_000, 0, 0, 200, 1_800));
        assertThat(cost.reasoning()).isEqualByComparingTo(usd("0.018"));
        assertThat(cost.total()).isEqualByComparingTo(usd("0.021625"));
    }

    @Test
    void qwenCoderTiersFollowTheInputSize() {
        ModelPrice qwen = catalog.require("qwen/qwen3-coder-plus");
        // Up to 32k input: input 1, output 5. 32,000 × 1 / 1e6 = 0.032 ; 1,000 × 5 / 1e6 = 0.005
        assertThat(CostCalculator.cost(qwen, new Usage(32_000, 0, 0, 0, 1_000, 0)).total()).isEqualByComparingTo(usd("0.037"));
        // Above 32k: input 1.8, output 9. 40,000 × 1.8 / 1e6 = 0.072 ; 1,000 × 9 / 1e6 = 0.009
        assertThat(CostCalculator.cost(qwen, new Usage(40_000, 0, 0, 0, 1_000, 0)).total()).isEqualByComparingTo(usd("0.081"));
    }

    @Test
    void exactToTheLastTokenWithoutRounding() {
        // One token of Haiku 4.5 input at 1 per million is exactly 0.000001.
        Cost cost = CostCalculator.cost(catalog.require("anthropic/claude-haiku-4-5"), new Usage(1, 0, 0, 0, 0, 0));
        assertThat(cost.total()).isEqualByComparingTo(usd("0.000001"));
        // 0.006 per million (DeepSeek V4 Flash cache hit) × 1 token = 0.000000006, exact.
        assertThat(CostCalculator.cost(catalog.require("deepseek/deepseek-v4-flash"), new Usage(0, 1, 0, 0, 0, 0)).total())
                .isEqualByComparingTo(usd("0.000000006"));
    }

    @Test
    void missingDiscountsFallBackToThePlainRates() {
        TokenPrices plain = new TokenPrices(new BigDecimal("2"), new BigDecimal("8"), null, null, null, null);
        ModelPrice model = new ModelPrice("acme/m", plain, null, "test", null, null, null, null, null);
        // Cached reads and cache writes at input (2), reasoning at output (8):
        // (100 + 10 + 10 + 10) × 2 / 1e6 = 0.00026 ; (5 + 5) × 8 / 1e6 = 0.00008
        assertThat(CostCalculator.cost(model, new Usage(100, 10, 10, 10, 5, 5)).total()).isEqualByComparingTo(usd("0.00034"));
    }

    @Test
    void worstCaseCoversAPromptCacheWrite() {
        // Sonnet 4.5: input 3, 5-minute cache write 3.75, output 15. 1,000 × 3.75 / 1e6 = 0.00375 ; 100 × 15 / 1e6 = 0.0015
        ModelPrice sonnet = catalog.require("anthropic/claude-sonnet-4-5");
        assertThat(CostCalculator.worstCase(sonnet, 1_000, 100)).isEqualByComparingTo(usd("0.00525"));
        // ...and is never below what a call that writes its whole prompt to the cache is billed.
        assertThat(CostCalculator.worstCase(sonnet, 1_000, 100))
                .isGreaterThanOrEqualTo(CostCalculator.cost(sonnet, new Usage(0, 0, 1_000, 0, 100, 0)).total());
    }

    @Test
    void worstCaseIsAllInputUncachedAndAllOutputAtTheDearerRate() {
        TokenPrices rates = new TokenPrices(new BigDecimal("1"), new BigDecimal("4"), new BigDecimal("0.1"), null, null,
                new BigDecimal("6"));
        ModelPrice model = new ModelPrice("acme/m", rates, null, "test", null, null, null, null, null);
        // 1,000 × 1 / 1e6 = 0.001 ; 500 × 6 / 1e6 = 0.003
        assertThat(CostCalculator.worstCase(model, 1_000, 500)).isEqualByComparingTo(usd("0.004"));
    }
}
