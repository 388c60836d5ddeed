package io.ailanes.engine.config;

import io.ailanes.engine.lane.ModelRef;
import io.ailanes.engine.price.CatalogFile;
import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.price.TokenPrices;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The price catalog a run uses: the bundled one, then price files, then the configuration's models. */
public final class PriceSetup {

    private PriceSetup() {}

    /**
     * @param configFile the configuration's path; price files are resolved against its folder
     * @throws ConfigException listing every invalid model entry
     */
    public static PriceCatalog catalog(AiLanesConfig config, Path configFile) {
        List<String> problems = new ArrayList<>();
        PriceCatalog catalog = catalog(config, configFile, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(configFile.toString(), problems);
        }
        return catalog;
    }

    /**
     * The catalog with every entry that is valid, adding a problem (with its path) for each that is not, so
     * a caller can go on to check the lanes and report everything at once.
     */
    public static PriceCatalog catalog(AiLanesConfig config, Path configFile, List<String> problems) {
        PriceCatalog catalog = PriceCatalog.bundled();
        Path folder = configFile.toAbsolutePath().getParent();
        for (int i = 0; i < config.priceFiles().size(); i++) {
            String name = config.priceFiles().get(i);
            if (name == null || name.isBlank()) {
                problems.add("priceFiles[" + i + "]: empty entry");
                continue;
            }
            Path file = folder.resolve(name);
            try {
                catalog = catalog.withOverrides(CatalogFile.read(file).all());
            } catch (RuntimeException e) {
                problems.add("priceFiles[" + i + "]: " + file + ": " + e.getMessage());
            }
        }
        List<ModelPrice> overrides = new ArrayList<>();
        for (int i = 0; i < config.models().size(); i++) {
            ModelSettings model = config.models().get(i);
            String path = "models[" + i + "]";
            if (model == null || model.ref() == null || model.ref().isBlank()) {
                problems.add(path + ".ref: missing; write provider/model");
                continue;
            }
            try {
                ModelRef.parse(model.ref());
                overrides.add(merge(model, catalog.find(model.ref()), configFile));
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
            }
        }
        return catalog.withOverrides(overrides);
    }

    /** A configured model over what the catalog knows: fields left out keep the catalog's values. */
    private static ModelPrice merge(ModelSettings model, Optional<ModelPrice> known, Path configFile) {
        ModelSettings.PriceSettings p = model.price();
        TokenPrices prices;
        String source;
        LocalDate asOf;
        List<io.ailanes.engine.price.PriceTier> tiers;
        if (p == null) {
            ModelPrice base = known.orElseThrow(() -> new IllegalArgumentException("\"" + model.ref()
                    + "\" has no price in the catalog: give price: {input: ..., output: ...} (USD per million tokens)"));
            prices = base.prices();
            tiers = base.tiers();
            source = base.source();
            asOf = base.asOf();
        } else {
            if (p.input() == null || p.output() == null) {
                throw new IllegalArgumentException("price of \"" + model.ref()
                        + "\" needs both input and output (USD per million tokens)");
            }
            prices = new TokenPrices(p.input(), p.output(), p.cacheRead(), p.cacheWrite(), p.cacheWrite1h(), p.reasoning());
            // A price set by the admin replaces the catalog's whole price, tiers included.
            tiers = List.of();
            source = "configuration " + configFile.getFileName();
            asOf = null;
        }
        return new ModelPrice(
                model.ref(),
                prices,
                tiers,
                source,
                asOf,
                model.contextWindow() != null ? model.contextWindow() : known.map(ModelPrice::contextWindow).orElse(null),
                model.maxOutputTokens() != null ? model.maxOutputTokens() : known.map(ModelPrice::maxOutputTokens).orElse(null),
                model.family() != null ? model.family() : known.map(ModelPrice::family).orElse(familyOf(model.ref())),
                model.aliases() != null ? model.aliases() : known.map(ModelPrice::aliases).orElse(List.of()));
    }

    /** Without a configured family, a model's family is its provider id (so reviewer diversity still works). */
    private static String familyOf(String ref) {
        return ModelRef.parse(ref).provider();
    }
}
