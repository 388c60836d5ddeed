package io.ailanes.engine.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceCatalogTest {

    private final PriceCatalog catalog = PriceCatalog.bundled();

    @Test
    void bundledEntriesAreCompleteAndUnique() {
        assertThat(catalog.all()).hasSizeGreaterThan(30);
        Set<String> names = new HashSet<>();
        for (ModelPrice price : catalog.all()) {
            assertThat(price.source()).as(price.ref()).isNotBlank();
            assertThat(price.asOf()).as(price.ref()).isNotNull();
            assertThat(price.family()).as(price.ref()).isNotBlank();
            assertThat(price.prices().input().signum()).as(price.ref()).isPositive();
            assertThat(price.prices().output().signum()).as(price.ref()).isPositive();
            assertThat(price.contextWindow()).as(price.ref()).isPositive();
            for (PriceTier tier : price.tiers()) {
                assertThat(tier.prices().cacheWrite1hRate()).as(price.ref() + " tier 1h write")
                        .isGreaterThanOrEqualTo(tier.prices().cacheWriteRate());
            }
            String provider = price.ref().substring(0, price.ref().indexOf('/') + 1);
            assertThat(names.add(price.ref().toLowerCase(Locale.ROOT))).as("duplicate " + price.ref()).isTrue();
            for (String alias : price.aliases()) {
                String full = alias.contains("/") ? alias : provider + alias;
                assertThat(names.add(full.toLowerCase(Locale.ROOT))).as("duplicate alias " + alias).isTrue();
            }
        }
    }

    @Test
    void coversTheSeedModels() {
        for (String ref : List.of("anthropic/claude-opus-4-5", "anthropic/claude-sonnet-4-5", "anthropic/claude-haiku-4-5",
                "openai/gpt-5", "openai/gpt-5-mini", "gemini/gemini-2.5-pro", "gemini/gemini-2.5-flash",
                "gemini/gemini-3-pro-preview", "deepseek/deepseek-chat", "deepseek/deepseek-reasoner",
                "deepseek/deepseek-v4-flash", "deepseek/deepseek-v4-pro", "qwen/qwen3-coder-plus", "zhipu/glm-4.6",
                "moonshot/kimi-k2-thinking")) {
            assertThat(catalog.find(ref)).as(ref).isPresent();
        }
    }

    @Test
    void anthropicCacheRatesFollowTheDocumentedMultiples() {
        for (String ref : List.of("anthropic/claude-opus-4-5", "anthropic/claude-sonnet-4-5", "anthropic/claude-haiku-4-5")) {
            TokenPrices p = catalog.require(ref).prices();
            // Reads 0.1×, 5-minute writes 1.25×, 1-hour writes 2× the input price.
            assertThat(p.cacheRead()).as(ref).isEqualByComparingTo(p.input().multiply(new BigDecimal("0.1")));
            assertThat(p.cacheWrite()).as(ref).isEqualByComparingTo(p.input().multiply(new BigDecimal("1.25")));
            assertThat(p.cacheWrite1h()).as(ref).isEqualByComparingTo(p.input().multiply(new BigDecimal("2")));
        }
    }

    @Test
    void findsByAliasAndIgnoresCase() {
        assertThat(catalog.find("anthropic/claude-opus-4-5-20251101")).map(ModelPrice::ref).contains("anthropic/claude-opus-4-5");
        assertThat(catalog.find("OpenAI/GPT-5")).map(ModelPrice::ref).contains("openai/gpt-5");
        assertThat(catalog.find("dashscope/qwen3-coder-plus")).map(ModelPrice::ref).contains("qwen/qwen3-coder-plus");
        assertThat(catalog.find("deepseek/deepseek-v4-flash")).map(ModelPrice::ref).contains("deepseek/deepseek-flash");
    }

    @Test
    void unknownModelsFailClosedWithASuggestion() {
        assertThatThrownBy(() -> catalog.require("deepseek/v4-flsh"))
                .isInstanceOf(UnknownPriceException.class)
                .hasMessageContaining("no price for \"deepseek/v4-flsh\"")
                .hasMessageContaining("did you mean \"deepseek/deepseek-v4-flash\"?");
        assertThatThrownBy(() -> catalog.require("acme/foo-1"))
                .isInstanceOf(UnknownPriceException.class)
                .hasMessageContaining("set one with a price override")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void overridesReplaceOrAdd() {
        TokenPrices cheaper = new TokenPrices(new BigDecimal("0.1"), new BigDecimal("0.2"), null, null, null, null);
        PriceCatalog overridden = catalog.withOverrides(List.of(
                new ModelPrice("deepseek/deepseek-chat", cheaper, null, "admin", null, null, null, "deepseek", null),
                new ModelPrice("ollama/qwen3-coder:30b", cheaper, null, "admin", null, null, null, "qwen", null)));

        assertThat(overridden.require("deepseek/deepseek-chat").prices().input()).isEqualByComparingTo("0.1");
        assertThat(overridden.require("ollama/qwen3-coder:30b").family()).isEqualTo("qwen");
        assertThat(overridden.all()).hasSize(catalog.all().size() + 1);
        assertThat(catalog.require("deepseek/deepseek-chat").prices().input()).as("the bundled catalog is unchanged")
                .isEqualByComparingTo("0.28");
    }

    @Test
    void catalogFilesRoundTripExactly(@TempDir Path dir) {
        Path file = dir.resolve("prices.json");
        CatalogFile.write(catalog, file);
        PriceCatalog read = CatalogFile.read(file);

        assertThat(read.date()).isEqualTo(LocalDate.parse("2026-07-24"));
        assertThat(read.all()).hasSameSizeAs(catalog.all());
        for (ModelPrice price : catalog.all()) {
            ModelPrice back = read.require(price.ref());
            assertThat(back.prices()).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(price.prices());
            assertThat(back.tiers()).hasSameSizeAs(price.tiers());
            assertThat(back.aliases()).isEqualTo(price.aliases());
        }
    }
}
