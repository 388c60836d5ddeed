package io.ailanes.engine.price;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regenerates the bundled catalog ({@code src/main/resources/io/ailanes/engine/price/catalog.json}) from a
 * LiteLLM price map, for the models listed below, through the same importer users run. Not a test: run it
 * by hand when prices change (see CATALOG.md next to the catalog).
 *
 * <pre>java -cp ... io.ailanes.engine.price.BundledCatalogGenerator LITELLM.json YYYY-MM-DD OUT.json</pre>
 */
public final class BundledCatalogGenerator {

    /** LiteLLM key → the reference AI Lanes uses (conventional provider id / model), its family and aliases. */
    private record Pick(String key, String ref, String family, List<String> aliases) {}

    private static final List<Pick> PICKS = List.of(
            // Anthropic: the reasoning lane's usual primaries, and Haiku for cheap execution.
            new Pick("claude-opus-4-1", "anthropic/claude-opus-4-1", "anthropic", List.of("claude-opus-4-1-20250805")),
            new Pick("claude-opus-4-5", "anthropic/claude-opus-4-5", "anthropic", List.of("claude-opus-4-5-20251101")),
            new Pick("claude-opus-4-6", "anthropic/claude-opus-4-6", "anthropic", List.of("claude-opus-4-6-20260205")),
            new Pick("claude-opus-4-7", "anthropic/claude-opus-4-7", "anthropic", List.of("claude-opus-4-7-20260416")),
            new Pick("claude-opus-5", "anthropic/claude-opus-5", "anthropic", List.of()),
            new Pick("claude-sonnet-4-20250514", "anthropic/claude-sonnet-4", "anthropic", List.of("claude-sonnet-4-20250514")),
            new Pick("claude-sonnet-4-5", "anthropic/claude-sonnet-4-5", "anthropic", List.of("claude-sonnet-4-5-20250929")),
            new Pick("claude-sonnet-4-6", "anthropic/claude-sonnet-4-6", "anthropic", List.of()),
            new Pick("claude-sonnet-5", "anthropic/claude-sonnet-5", "anthropic", List.of()),
            new Pick("claude-haiku-4-5", "anthropic/claude-haiku-4-5", "anthropic", List.of("claude-haiku-4-5-20251001")),
            // OpenAI
            new Pick("gpt-5", "openai/gpt-5", "openai", List.of("gpt-5-2025-08-07")),
            new Pick("gpt-5-mini", "openai/gpt-5-mini", "openai", List.of("gpt-5-mini-2025-08-07")),
            new Pick("gpt-5-nano", "openai/gpt-5-nano", "openai", List.of("gpt-5-nano-2025-08-07")),
            new Pick("gpt-5.1", "openai/gpt-5.1", "openai", List.of("gpt-5.1-2025-11-13")),
            new Pick("gpt-5.2", "openai/gpt-5.2", "openai", List.of("gpt-5.2-2025-12-11")),
            new Pick("gpt-5.4", "openai/gpt-5.4", "openai", List.of("gpt-5.4-2026-03-05")),
            new Pick("gpt-5.4-mini", "openai/gpt-5.4-mini", "openai", List.of("gpt-5.4-mini-2026-03-17")),
            new Pick("gpt-5.4-nano", "openai/gpt-5.4-nano", "openai", List.of("gpt-5.4-nano-2026-03-17")),
            new Pick("gpt-5.5", "openai/gpt-5.5", "openai", List.of("gpt-5.5-2026-04-23")),
            new Pick("gpt-4.1", "openai/gpt-4.1", "openai", List.of("gpt-4.1-2025-04-14")),
            new Pick("gpt-4.1-mini", "openai/gpt-4.1-mini", "openai", List.of("gpt-4.1-mini-2025-04-14")),
            new Pick("gpt-4o", "openai/gpt-4o", "openai", List.of("gpt-4o-2024-08-06", "gpt-4o-2024-11-20")),
            new Pick("gpt-4o-mini", "openai/gpt-4o-mini", "openai", List.of("gpt-4o-mini-2024-07-18")),
            // Google
            new Pick("gemini/gemini-2.5-pro", "gemini/gemini-2.5-pro", "google", List.of()),
            new Pick("gemini/gemini-2.5-flash", "gemini/gemini-2.5-flash", "google", List.of()),
            new Pick("gemini/gemini-2.5-flash-lite", "gemini/gemini-2.5-flash-lite", "google", List.of()),
            new Pick("gemini/gemini-3-pro-preview", "gemini/gemini-3-pro-preview", "google", List.of()),
            new Pick("gemini/gemini-3-flash-preview", "gemini/gemini-3-flash-preview", "google", List.of()),
            new Pick("gemini/gemini-3.1-pro-preview", "gemini/gemini-3.1-pro-preview", "google", List.of()),
            // DeepSeek
            new Pick("deepseek/deepseek-chat", "deepseek/deepseek-chat", "deepseek", List.of()),
            new Pick("deepseek/deepseek-reasoner", "deepseek/deepseek-reasoner", "deepseek", List.of()),
            // Qwen (DashScope), Zhipu GLM, Moonshot Kimi: aliases under the LiteLLM provider names too.
            new Pick("dashscope/qwen3-coder-plus", "qwen/qwen3-coder-plus", "qwen",
                    List.of("qwen3-coder-plus-2025-07-22", "dashscope/qwen3-coder-plus")),
            new Pick("dashscope/qwen3-coder-flash", "qwen/qwen3-coder-flash", "qwen",
                    List.of("qwen3-coder-flash-2025-07-28", "dashscope/qwen3-coder-flash")),
            new Pick("zai/glm-4.6", "zhipu/glm-4.6", "zhipu", List.of("zai/glm-4.6")),
            new Pick("moonshot/kimi-k2-0905-preview", "moonshot/kimi-k2-0905-preview", "moonshot", List.of()),
            new Pick("moonshot/kimi-k2-thinking", "moonshot/kimi-k2-thinking", "moonshot", List.of()),
            new Pick("moonshot/kimi-k2-turbo-preview", "moonshot/kimi-k2-turbo-preview", "moonshot", List.of()),
            new Pick("moonshot/kimi-k2.5", "moonshot/kimi-k2.5", "moonshot", List.of()),
            new Pick("moonshot/kimi-k2.6", "moonshot/kimi-k2.6", "moonshot", List.of()));

    /**
     * Entries taken from a vendor's own page where the map is out of date. DeepSeek V4: the 2026-07-24 map
     * still has the launch promotion; DeepSeek's Models & Pricing page (USD table, late October 2026,
     * DeepSeek-V4.1-Flash-1017 / DeepSeek-V4-Pro-0813) lists peak and off-peak rates. The peak rates are
     * bundled so budgets never under-reserve; off-peak calls are then over-counted by half.
     */
    private static List<ModelPrice> vendorEntries() {
        String deepseek = "DeepSeek Models & Pricing page (api-docs.deepseek.com/quick_start/pricing), USD table,"
                + " PEAK rates (off-peak is half); the LiteLLM map had superseded launch prices";
        LocalDate asOf = LocalDate.parse("2026-10-27");
        return List.of(
                new ModelPrice("deepseek/deepseek-flash",
                        new TokenPrices(new BigDecimal("0.30"), new BigDecimal("1.20"), new BigDecimal("0.006"),
                                BigDecimal.ZERO, null, null),
                        List.of(), deepseek, asOf, 1_000_000L, 384_000L, "deepseek", List.of("deepseek-v4-flash")),
                new ModelPrice("deepseek/deepseek-v4-pro",
                        new TokenPrices(new BigDecimal("1.32"), new BigDecimal("3.96"), new BigDecimal("0.044"),
                                BigDecimal.ZERO, null, null),
                        List.of(), deepseek, asOf, 1_000_000L, 384_000L, "deepseek", List.of()));
    }

    /**
     * Fixes where the map leaves a field out and the importer's fallback would under-bill: Sonnet 4's
     * long-context tier has no 1-hour cache-write price; Anthropic's rule (2x input) gives 12.
     */
    private static ModelPrice fix(ModelPrice price) {
        if (!price.ref().equals("anthropic/claude-sonnet-4")) {
            return price;
        }
        List<PriceTier> tiers = price.tiers().stream().map(tier -> {
            TokenPrices p = tier.prices();
            return new PriceTier(tier.aboveInputTokens(), new TokenPrices(p.input(), p.output(), p.cacheRead(),
                    p.cacheWrite(), p.input().multiply(BigDecimal.valueOf(2)), p.reasoning()));
        }).toList();
        return new ModelPrice(price.ref(), price.prices(), tiers, price.source() + "; long-context 1-hour cache write"
                + " set to 2x input (missing from the map)", price.asOf(), price.contextWindow(), price.maxOutputTokens(),
                price.family(), price.aliases());
    }

    private BundledCatalogGenerator() {}

    public static void main(String[] args) throws Exception {
        Path map = Path.of(args[0]);
        LocalDate asOf = LocalDate.parse(args[1]);
        String source = "LiteLLM model_prices_and_context_window.json (" + asOf + "); vendor pricing pages";
        Map<String, ModelPrice> imported = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(map)) {
            for (ModelPrice price : LiteLlmPriceImport.read(in, null, asOf, source)) {
                imported.put(price.ref(), price);
            }
        }
        List<ModelPrice> picked = new ArrayList<>();
        for (Pick pick : PICKS) {
            ModelPrice found = imported.values().stream()
                    .filter(p -> pick.key().contains("/")
                            ? p.ref().equals(pick.key())
                            : p.ref().equals("anthropic/" + pick.key()) || p.ref().equals("openai/" + pick.key()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("not in the map: " + pick.key()));
            picked.add(fix(new ModelPrice(pick.ref(), found.prices(), found.tiers(), source, asOf, found.contextWindow(),
                    found.maxOutputTokens(), pick.family(), pick.aliases())));
        }
        picked.addAll(vendorEntries());
        CatalogFile.write(PriceCatalog.of(asOf, picked), Path.of(args[2]));
        System.out.println("wrote " + picked.size() + " models to " + args[2]);
    }
}
