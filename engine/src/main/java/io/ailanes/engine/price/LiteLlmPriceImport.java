package io.ailanes.engine.price;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads LiteLLM's {@code model_prices_and_context_window.json}: USD per token, as floats, keyed by model.
 * Numbers are read from their decimal text as BigDecimal, so {@code 3.75e-07} becomes exactly 0.375 per
 * million: no binary floating point ever touches a price.
 */
public final class LiteLlmPriceImport {

    private static final Pattern TIERED = Pattern.compile("(.+)_above_(\\d+)k_tokens");
    private static final Map<String, String> FAMILIES = Map.ofEntries(
            Map.entry("anthropic", "anthropic"), Map.entry("bedrock", "anthropic"),
            Map.entry("openai", "openai"), Map.entry("azure", "openai"),
            Map.entry("gemini", "google"), Map.entry("vertex_ai-language-models", "google"),
            Map.entry("deepseek", "deepseek"), Map.entry("dashscope", "qwen"),
            Map.entry("moonshot", "moonshot"), Map.entry("zai", "zhipu"), Map.entry("xai", "xai"),
            Map.entry("mistral", "mistral"), Map.entry("groq", "groq"));

    private LiteLlmPriceImport() {}

    /**
     * @param providerPrefix keep only this LiteLLM provider's models, or null for all
     * @param asOf the date the prices are valid for
     * @param source where the map came from, recorded on every entry
     */
    public static List<ModelPrice> read(InputStream json, String providerPrefix, LocalDate asOf, String source)
            throws IOException {
        JsonNode root = Json.MAPPER.readTree(json);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a LiteLLM price map is a JSON object keyed by model name");
        }
        List<ModelPrice> prices = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode entry = field.getValue();
            if ("sample_spec".equals(key) || !entry.isObject()) {
                continue;
            }
            String provider = entry.path("litellm_provider").asText("");
            if (provider.isEmpty() || (providerPrefix != null && !provider.equalsIgnoreCase(providerPrefix))) {
                continue;
            }
            String mode = entry.path("mode").asText("chat");
            if (!mode.equals("chat")) {
                continue;
            }
            ModelPrice price = entry(key, provider, entry, asOf, source);
            if (price != null) {
                prices.add(price);
            }
        }
        return prices;
    }

    private static ModelPrice entry(String key, String provider, JsonNode entry, LocalDate asOf, String source) {
        String model = key.regionMatches(true, 0, provider + "/", 0, provider.length() + 1)
                ? key.substring(provider.length() + 1)
                : key;
        String ref = provider.toLowerCase(Locale.ROOT) + "/" + model;
        TokenPrices base = prices(entry, "", null);
        List<PriceTier> tiers = new ArrayList<>();
        JsonNode tiered = entry.path("tiered_pricing");
        if (tiered.isArray()) {
            for (JsonNode tier : tiered) {
                long from = tier.path("range").path(0).asLong(0);
                TokenPrices tierPrices = prices(tier, "", base);
                if (tierPrices == null) {
                    continue;
                }
                if (from == 0 && base == null) {
                    base = tierPrices;
                } else if (from > 0) {
                    tiers.add(new PriceTier(from, tierPrices));
                }
            }
        }
        if (base == null) {
            return null;
        }
        Map<Long, String> thresholds = new TreeMap<>();
        for (Iterator<String> names = entry.fieldNames(); names.hasNext(); ) {
            Matcher m = TIERED.matcher(names.next());
            if (m.matches()) {
                long threshold = Long.parseLong(m.group(2)) * 1000;
                thresholds.put(threshold, "_above_" + m.group(2) + "k_tokens");
            }
        }
        for (Map.Entry<Long, String> threshold : thresholds.entrySet()) {
            TokenPrices tierPrices = prices(entry, threshold.getValue(), base);
            if (tierPrices != null) {
                tiers.add(new PriceTier(threshold.getKey(), tierPrices));
            }
        }
        return new ModelPrice(ref, base, tiers, source, asOf,
                entry.hasNonNull("max_input_tokens") && entry.get("max_input_tokens").isNumber()
                        ? entry.get("max_input_tokens").asLong() : null,
                entry.hasNonNull("max_output_tokens") && entry.get("max_output_tokens").isNumber()
                        ? entry.get("max_output_tokens").asLong() : null,
                FAMILIES.getOrDefault(provider.toLowerCase(Locale.ROOT), provider.toLowerCase(Locale.ROOT)),
                List.of());
    }

    /**
     * The prices under the given field-name suffix (empty for the base prices), each missing one taken from
     * {@code fallback}; null when input or output has no price at all.
     */
    private static TokenPrices prices(JsonNode entry, String suffix, TokenPrices fallback) {
        BigDecimal input = perMillion(entry, "input_cost_per_token" + suffix);
        BigDecimal output = perMillion(entry, "output_cost_per_token" + suffix);
        if (fallback == null && (input == null || output == null)) {
            return null;
        }
        if (fallback != null && !suffix.isEmpty() && input == null && output == null) {
            return null;
        }
        BigDecimal cacheRead = perMillion(entry, "cache_read_input_token_cost" + suffix);
        BigDecimal cacheWrite = perMillion(entry, "cache_creation_input_token_cost" + suffix);
        BigDecimal cacheWrite1h = perMillion(entry, "cache_creation_input_token_cost_above_1hr" + suffix);
        BigDecimal reasoning = perMillion(entry, "output_cost_per_reasoning_token" + suffix);
        return new TokenPrices(
                input != null ? input : fallback.input(),
                output != null ? output : fallback.output(),
                cacheRead != null || fallback == null ? cacheRead : fallback.cacheRead(),
                cacheWrite != null || fallback == null ? cacheWrite : fallback.cacheWrite(),
                cacheWrite1h != null || fallback == null ? cacheWrite1h : fallback.cacheWrite1h(),
                reasoning != null || fallback == null ? reasoning : fallback.reasoning());
    }

    private static BigDecimal perMillion(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isNumber()) {
            return null;
        }
        BigDecimal perMillion = value.decimalValue().movePointRight(6).stripTrailingZeros();
        return perMillion.scale() < 0 ? perMillion.setScale(0) : perMillion;
    }
}
