package io.ailanes.engine.price;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog file format: the bundled catalog, and the files {@code ai-lanes prices import} writes.
 * Prices are USD per million tokens, written as plain decimals and read back exactly.
 *
 * <pre>{"date": "2026-07-24", "currency": "USD", "unit": "per_million_tokens", "models": [
 *   {"ref": "anthropic/claude-opus-4-5", "family": "anthropic", "input": 5, "output": 25, "cacheRead": 0.5,
 *    "cacheWrite": 6.25, "cacheWrite1h": 10, "tiers": [{"aboveInputTokens": 200000, "input": ...}],
 *    "contextWindow": 200000, "maxOutputTokens": 64000, "aliases": ["claude-opus-4-5-20251101"],
 *    "source": "...", "asOf": "2026-07-24"}]}</pre>
 */
public final class CatalogFile {

    private static final ObjectWriter WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter()
            .with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private CatalogFile() {}

    public static PriceCatalog read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read price catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the entry and field that is wrong */
    public static PriceCatalog read(InputStream in) throws IOException {
        JsonNode root = Json.MAPPER.readTree(in);
        if (root == null || !root.isObject() || !root.path("models").isArray()) {
            throw new IllegalArgumentException("a price catalog is a JSON object with a \"models\" array");
        }
        if (!"USD".equals(root.path("currency").asText("USD"))) {
            throw new IllegalArgumentException("only USD prices are supported, not " + root.path("currency").asText());
        }
        LocalDate date = date(root.path("date"), "date");
        List<ModelPrice> prices = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root.path("models")) {
            String where = "models[" + index++ + "]";
            try {
                prices.add(entry(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (" + entry.path("ref").asText("?") + "): " + e.getMessage(), e);
            }
        }
        return PriceCatalog.of(date, prices);
    }

    private static ModelPrice entry(JsonNode entry) {
        List<PriceTier> tiers = new ArrayList<>();
        for (JsonNode tier : entry.path("tiers")) {
            tiers.add(new PriceTier(tier.path("aboveInputTokens").asLong(), prices(tier)));
        }
        List<String> aliases = new ArrayList<>();
        entry.path("aliases").forEach(alias -> aliases.add(alias.asText()));
        return new ModelPrice(
                text(entry, "ref"),
                prices(entry),
                tiers,
                text(entry, "source"),
                date(entry.path("asOf"), "asOf"),
                entry.hasNonNull("contextWindow") ? entry.get("contextWindow").asLong() : null,
                entry.hasNonNull("maxOutputTokens") ? entry.get("maxOutputTokens").asLong() : null,
                text(entry, "family"),
                aliases);
    }

    private static TokenPrices prices(JsonNode node) {
        return new TokenPrices(
                decimal(node, "input", true), decimal(node, "output", true), decimal(node, "cacheRead", false),
                decimal(node, "cacheWrite", false), decimal(node, "cacheWrite1h", false),
                decimal(node, "reasoning", false));
    }

    private static BigDecimal decimal(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("\"" + field + "\" price is missing");
            }
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not a number: " + value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static LocalDate date(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" is not a date (YYYY-MM-DD): " + node.asText());
        }
    }

    public static void write(PriceCatalog catalog, Path file) {
        ObjectNode root = Json.object();
        root.put("date", catalog.date() == null ? null : catalog.date().toString());
        root.put("currency", "USD");
        root.put("unit", "per_million_tokens");
        ArrayNode models = root.putArray("models");
        for (ModelPrice price : catalog.all()) {
            ObjectNode entry = models.addObject();
            entry.put("ref", price.ref());
            entry.put("family", price.family());
            putPrices(entry, price.prices());
            if (!price.tiers().isEmpty()) {
                ArrayNode tiers = entry.putArray("tiers");
                for (PriceTier tier : price.tiers()) {
                    ObjectNode t = tiers.addObject().put("aboveInputTokens", tier.aboveInputTokens());
                    putPrices(t, tier.prices());
                }
            }
            if (price.contextWindow() != null) {
                entry.put("contextWindow", price.contextWindow());
            }
            if (price.maxOutputTokens() != null) {
                entry.put("maxOutputTokens", price.maxOutputTokens());
            }
            if (!price.aliases().isEmpty()) {
                ArrayNode aliases = entry.putArray("aliases");
                price.aliases().forEach(aliases::add);
            }
            entry.put("source", price.source());
            entry.put("asOf", price.asOf() == null ? null : price.asOf().toString());
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            WRITER.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void putPrices(ObjectNode node, TokenPrices prices) {
        put(node, "input", prices.input());
        put(node, "output", prices.output());
        put(node, "cacheRead", prices.cacheRead());
        put(node, "cacheWrite", prices.cacheWrite());
        put(node, "cacheWrite1h", prices.cacheWrite1h());
        put(node, "reasoning", prices.reasoning());
    }

    private static void put(ObjectNode node, String field, BigDecimal value) {
        if (value != null) {
            node.put(field, value.stripTrailingZeros());
        }
    }
}
