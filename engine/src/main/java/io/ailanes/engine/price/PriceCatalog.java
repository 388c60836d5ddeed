package io.ailanes.engine.price;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Model prices by reference; unknown models fail closed. Immutable: overrides give a new catalog. */
public final class PriceCatalog {

    private static final String BUNDLED = "/io/ailanes/engine/price/catalog.json";

    private final LocalDate date;
    private final Map<String, ModelPrice> byRef;
    private final Map<String, ModelPrice> byName;
    private final List<String> names = new ArrayList<>();

    private PriceCatalog(LocalDate date, Collection<ModelPrice> prices) {
        this.date = date;
        Map<String, ModelPrice> refs = new LinkedHashMap<>();
        for (ModelPrice price : prices) {
            refs.put(key(price.ref()), price);
        }
        Map<String, ModelPrice> names = new HashMap<>(refs);
        for (ModelPrice price : refs.values()) {
            String provider = price.ref().substring(0, price.ref().indexOf('/') + 1);
            this.names.add(price.ref());
            for (String alias : price.aliases()) {
                // An alias is a model name under the same provider, or a full reference.
                String full = alias.contains("/") ? alias : provider + alias;
                names.putIfAbsent(key(full), price);
                this.names.add(full);
            }
        }
        this.byRef = refs;
        this.byName = names;
    }

    /** The catalog that ships with AI Lanes. */
    public static PriceCatalog bundled() {
        return Bundled.CATALOG;
    }

    public static PriceCatalog of(LocalDate date, List<ModelPrice> prices) {
        return new PriceCatalog(date, prices);
    }

    /** The price of {@code ref} (exact reference first, then aliases; case-insensitive). */
    public Optional<ModelPrice> find(String ref) {
        return ref == null ? Optional.empty() : Optional.ofNullable(byName.get(key(ref)));
    }

    /** @throws UnknownPriceException naming the closest known model when there is one */
    public ModelPrice require(String ref) {
        return find(ref).orElseThrow(() -> new UnknownPriceException(ref, suggest(ref).orElse(null)));
    }

    /** The known name (reference or alias, as written in the catalog) closest to a mistyped one. */
    public Optional<String> suggest(String ref) {
        return Suggestions.closest(ref, names);
    }

    /** A catalog where {@code overrides} replace the entries with the same reference, or are added. */
    public PriceCatalog withOverrides(List<ModelPrice> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        Map<String, ModelPrice> merged = new LinkedHashMap<>(byRef);
        for (ModelPrice price : overrides) {
            ModelPrice existing = find(price.ref()).orElse(null);
            if (existing != null) {
                merged.remove(key(existing.ref()));
            }
            merged.put(key(price.ref()), price);
        }
        return new PriceCatalog(date, merged.values());
    }

    /** Every entry, sorted by reference. */
    public List<ModelPrice> all() {
        List<ModelPrice> all = new ArrayList<>(byRef.values());
        all.sort(Comparator.comparing(ModelPrice::ref));
        return all;
    }

    public LocalDate date() {
        return date;
    }

    private static String key(String ref) {
        return ref.strip().toLowerCase(Locale.ROOT);
    }

    /** Loaded once, on first use. */
    private static final class Bundled {
        static final PriceCatalog CATALOG = load();

        private static PriceCatalog load() {
            try (InputStream in = PriceCatalog.class.getResourceAsStream(BUNDLED)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled price catalog " + BUNDLED + " is missing from the jar");
                }
                return CatalogFile.read(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled price catalog", e);
            }
        }
    }
}
