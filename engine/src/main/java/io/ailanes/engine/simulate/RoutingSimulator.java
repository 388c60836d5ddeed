package io.ailanes.engine.simulate;

import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.config.LaneSettings;
import io.ailanes.engine.config.ModelSettings;
import io.ailanes.engine.config.PriceSetup;
import io.ailanes.engine.price.CostCalculator;
import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.price.TokenPrices;
import io.ailanes.engine.price.UnknownPriceException;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.report.WhatIf;
import io.ailanes.engine.run.AuditReports;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Replays recorded builds under other routings: every billed attempt of the audits (retries included), with
 * its own token counts kind by kind, is sent in thought to another model and priced there with
 * {@link CostCalculator}, attempt by attempt (so tiered prices apply). "Paid" is the audits' own recorded cost.
 *
 * <p>Money is never guessed: a model the catalog (or, for {@code config=FILE}, that configuration) does not
 * price stops the simulation with {@link UnknownPriceException}.
 *
 * <p>The engine entry point for any face: {@link #load} the audits, then {@link #simulate}. The resulting
 * {@link WhatIf} goes into cost.json and report.html through
 * {@link AuditReports#build(Path, PriceCatalog, List, String, WhatIf)}.
 */
public final class RoutingSimulator {

    public static final String TOKENS = "tokens";
    public static final String CACHE = "cache";
    public static final String REASONING = "reasoning";
    public static final String ESCALATION = "escalation";
    public static final String KEPT = "kept";

    /** One attempt as the simulation needs it. */
    record Row(String step, String lane, String model, String family, Usage usage, BigDecimal cost, boolean billed,
            String premium, String escalatedFrom, String originalModel, String pricesAsOf) {}

    private final List<String> sources;
    /** The attempts, read again from the audits on every pass: nothing per line is held. */
    private final Iterable<Row> rows;

    private RoutingSimulator(List<String> sources, Iterable<Row> rows) {
        this.sources = List.copyOf(sources);
        this.rows = rows;
    }

    /**
     * The audit.jsonl files among {@code paths}: a file is taken as it is, a folder is searched (a build's
     * folder, or a folder of archived builds), sorted by path.
     *
     * @throws IllegalArgumentException when a path does not exist or a folder holds no audit.jsonl
     */
    public static List<Path> findAudits(List<Path> paths) throws IOException {
        Set<Path> found = new LinkedHashSet<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                found.add(path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    List<Path> audits = walk.filter(p -> p.getFileName().toString().equals("audit.jsonl"))
                            .filter(Files::isRegularFile).sorted().toList();
                    if (audits.isEmpty()) {
                        throw new IllegalArgumentException("no audit.jsonl under " + path);
                    }
                    found.addAll(audits);
                }
            } else {
                throw new IllegalArgumentException("no audit log at " + path);
            }
        }
        return new ArrayList<>(found);
    }

    /**
     * Reads the audits once to check them (not verified here: see {@code AuditVerifier}). The simulation reads
     * them again on each of its passes (the recorded costs, then each alternative), one line at a time, so its
     * memory does not grow with the number of lines and its time grows linearly with them.
     */
    public static RoutingSimulator load(List<Path> audits) throws IOException {
        List<String> sources = new ArrayList<>();
        for (Path audit : audits) {
            sources.add(audit.toString());
        }
        List<Path> files = List.copyOf(audits);
        Iterable<Row> rows = () -> new RowIterator(files);
        try {
            for (Row ignored : rows) {
                // a format error or an unreadable file shows here, before any figure is computed
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return new RoutingSimulator(sources, rows);
    }

    /** The rows of several audits in order, one audit line at a time. */
    private static final class RowIterator implements java.util.Iterator<Row> {
        private final List<Path> files;
        private int file;
        private AuditReader reader;
        private java.util.Iterator<AuditEntry> entries;
        private RowReader state;
        private Row next;

        RowIterator(List<Path> files) {
            this.files = files;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null) {
                    if (entries != null && entries.hasNext()) {
                        next = state.row(entries.next());
                        continue;
                    }
                    if (reader != null) {
                        reader.close();
                        reader = null;
                        entries = null;
                    }
                    if (file == files.size()) {
                        return false;
                    }
                    reader = AuditReader.open(files.get(file++));
                    entries = reader.iterator();
                    state = new RowReader();
                }
                return true;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            Row row = next;
            next = null;
            return row;
        }
    }

    /** One audit's lines to rows; remembers the implement step's original lane for escalations. */
    private static final class RowReader {
        private String originalLane;
        private String originalModel;
        private Integer lastRound;

        /** The row of a model call, or null for a blocked action (not a call: no tokens, no cost). */
        Row row(AuditEntry e) {
            Map<String, String> a = e.attributes();
            if (a.containsKey(AuditReports.EVENT)) {
                return null;
            }
            String model = e.provider() == null ? e.model() : e.provider() + "/" + e.model();
            String lane = e.lane() == null || e.lane().isBlank() ? null : e.lane();
            Integer round = a.get(AuditReports.ROUND) == null ? null : Integer.valueOf(a.get(AuditReports.ROUND));
            // An implement step starts at round 1 in its own lane; later rounds in another lane escalated.
            // Audits written before the escalatedFrom attribute are read the same way.
            if (round != null && "implement".equals(e.step())) {
                if (round == 1 && (lastRound == null || lastRound > 1 || originalLane == null)) {
                    originalLane = lane;
                    originalModel = model;
                }
                lastRound = round;
            }
            String escalatedFrom = a.get(AuditReports.ESCALATED_FROM);
            if (escalatedFrom == null && round != null && "implement".equals(e.step()) && originalLane != null
                    && lane != null && !lane.equals(originalLane)) {
                escalatedFrom = originalLane;
            }
            boolean billed = e.outcome() == AuditOutcome.SUCCEEDED || e.usage().totalTokens() > 0
                    || e.costUsd().signum() != 0;
            return new Row(e.step() == null || e.step().isBlank() ? "(none)" : e.step(), lane, model,
                    a.get(AuditReports.FAMILY), e.usage(), e.costUsd(), billed, a.get(AuditReports.PREMIUM),
                    escalatedFrom, escalatedFrom == null ? null : originalModel, a.get(AuditReports.PRICES_AS_OF));
        }
    }

    /**
     * @param catalog the prices of the alternatives
     * @param catalogLabel where those prices come from, in words (shown beside the catalog date)
     * @param unverified the sources whose hash chain did not verify
     * @throws UnknownPriceException when a model the alternative routes to has no price
     * @throws IllegalArgumentException when an alternative cannot apply (no premium recorded, a lane missing)
     */
    public WhatIf simulate(List<Alternative> alternatives, PriceCatalog catalog, String catalogLabel,
            List<String> unverified) {
        BigDecimal paid = BigDecimal.ZERO;
        long attempts = 0;
        Set<String> asOf = new TreeSet<>();
        boolean unrecorded = false;
        for (Row r : rows) {
            paid = paid.add(r.cost());
            attempts += r.billed() ? 1 : 0;
            if (r.pricesAsOf() != null) {
                asOf.add(r.pricesAsOf());
            } else {
                unrecorded = true;
            }
        }
        String paidPrices = asOf.isEmpty() ? null
                : String.join(", ", asOf) + (unrecorded ? "; some audits do not say" : "");
        BigDecimal asRouted;
        try {
            asRouted = run(r -> r.model(), catalog::require).total;
        } catch (UnknownPriceException e) {
            asRouted = null;
        }
        List<WhatIf.Alternative> results = new ArrayList<>();
        for (Alternative alternative : alternatives) {
            results.add(simulate(alternative, catalog, paid));
        }
        return new WhatIf(sources, unverified, attempts, paid, paidPrices,
                catalog.date() == null ? null : catalog.date().toString(), catalogLabel, asRouted, results);
    }

    private WhatIf.Alternative simulate(Alternative alternative, PriceCatalog catalog, BigDecimal paid) {
        Function<Row, String> route;
        Function<String, ModelPrice> prices = catalog::require;
        String kind;
        String spec;
        String description;
        if (alternative instanceof Alternative.AllPremium premium) {
            kind = "all-premium";
            if (premium.model() != null) {
                String model = catalog.require(premium.model()).ref();
                route = r -> model;
                spec = "all-premium=" + model;
                description = "every billed attempt on " + model;
            } else {
                Set<String> recorded = new TreeSet<>();
                for (Row r : rows) {
                    if (r.premium() == null) {
                        throw new IllegalArgumentException("an audit records no premium model (its run had no "
                                + "reasoning lane): write all-premium=MODEL");
                    }
                    recorded.add(r.premium());
                }
                route = Row::premium;
                spec = recorded.size() == 1 ? "all-premium=" + recorded.iterator().next() : "all-premium";
                description = "every billed attempt on the premium model the run recorded (its reasoning lane's "
                        + "primary, as in the all-premium comparison): " + String.join(", ", recorded);
            }
        } else if (alternative instanceof Alternative.AllCheap cheap) {
            kind = "all-cheap";
            String model;
            if (cheap.model() != null) {
                model = catalog.require(cheap.model()).ref();
                description = "every billed attempt on " + model;
            } else {
                Map<String, BigDecimal> candidates = new TreeMap<>();
                List<String> unpriced = new ArrayList<>();
                for (Row r : rows) {
                    if (!r.billed() || candidates.containsKey(r.model()) || unpriced.contains(r.model())) {
                        continue;
                    }
                    if (catalog.find(r.model()).isEmpty()) {
                        unpriced.add(r.model());
                        continue;
                    }
                    String candidate = r.model();
                    candidates.put(candidate, run(x -> candidate, catalog::require).total);
                }
                if (candidates.isEmpty()) {
                    throw new IllegalArgumentException("no model the run used has a price"
                            + (unpriced.isEmpty() ? "" : " (" + String.join(", ", unpriced) + ")")
                            + ": write all-cheap=MODEL");
                }
                model = candidates.entrySet().stream().min(Map.Entry.<String, BigDecimal>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
                List<String> listed = new ArrayList<>();
                candidates.forEach((m, usd) -> listed.add(m + " " + usd.stripTrailingZeros().toPlainString()));
                description = "every billed attempt on " + model + ", the cheapest for this token mix of the models "
                        + "the run used (all attempts priced on each, USD: " + String.join("; ", listed) + ")"
                        + (unpriced.isEmpty() ? "" : "; not priced, so not candidates: " + String.join(", ", unpriced));
            }
            String chosen = model;
            route = r -> chosen;
            spec = "all-cheap=" + model;
        } else if (alternative instanceof Alternative.Config config) {
            kind = "config";
            spec = alternative.spec();
            AiLanesConfig other = ConfigLoader.read(config.file());
            Map<String, String> primaries = new LinkedHashMap<>();
            for (LaneSettings lane : other.lanes()) {
                if (lane != null && lane.name() != null && !lane.models().isEmpty()) {
                    primaries.put(lane.name(), lane.models().get(0));
                }
            }
            for (Row r : rows) {
                if (r.lane() != null && !primaries.containsKey(r.lane())) {
                    throw new IllegalArgumentException(config.file() + " has no lane '" + r.lane() + "' (step "
                            + r.step() + " used it); its lanes: " + String.join(", ", primaries.keySet()));
                }
            }
            PriceCatalog configured = configured(catalog, other, config.file());
            prices = configured::require;
            route = r -> r.lane() == null ? r.model() : primaries.get(r.lane());
            List<String> pairs = new ArrayList<>();
            primaries.forEach((lane, model) -> pairs.add(lane + " \u2192 " + model));
            description = "each lane on its primary model in " + config.file() + ": " + String.join(", ", pairs);
        } else {
            Alternative.Escalation escalation = (Alternative.Escalation) alternative;
            kind = "escalation";
            spec = alternative.spec();
            if (escalation.on()) {
                route = Row::model;
                description = "the run as routed, escalations included, at these prices";
            } else {
                route = r -> r.escalatedFrom() == null ? r.model() : r.originalModel();
                description = "attempts of an escalated implement step priced on the model the original lane's first "
                        + "round went to; everything else as routed";
            }
        }
        Priced priced = run(route, prices, alternative instanceof Alternative.Config);
        List<WhatIf.Assumption> assumptions = assumptions(priced, alternative, prices);
        return WhatIf.Alternative.of(kind, spec, description, paid, priced.total, priced.lines(priced.bySteps),
                priced.lines(priced.byLanes), assumptions, new ArrayList<>(priced.notes));
    }

    /**
     * The catalog, with the models another configuration sets a price for laid over it (so a model that
     * configuration adds is priced, and one it overrides is priced as it says).
     */
    private static PriceCatalog configured(PriceCatalog catalog, AiLanesConfig other, Path file) {
        PriceCatalog theirs = PriceSetup.catalog(other, file);
        List<ModelPrice> overrides = new ArrayList<>();
        for (ModelPrice price : theirs.all()) {
            if (catalog.find(price.ref()).isEmpty()) {
                overrides.add(price); // a model only that configuration (or its price files) prices
            }
        }
        for (ModelSettings model : other.models()) {
            if (model != null && model.ref() != null && model.price() != null) {
                theirs.find(model.ref()).ifPresent(overrides::add); // a price it sets on purpose
            }
        }
        return catalog.withOverrides(overrides);
    }

    /** Running sums of one alternative. */
    private static final class Priced {
        BigDecimal total = BigDecimal.ZERO;
        final Map<String, BigDecimal[]> bySteps = new LinkedHashMap<>();
        final Map<String, BigDecimal[]> byLanes = new LinkedHashMap<>();
        final Map<String, Set<String>> stepNotes = new LinkedHashMap<>();
        final Map<String, Set<String>> laneNotes = new LinkedHashMap<>();
        final Set<String> notes = new LinkedHashSet<>();
        /** Per target model: tokens moved from another family, cache read, cache write, reasoning. */
        final Map<String, long[]> moved = new TreeMap<>();
        final Set<String> fromFamilies = new TreeSet<>();
        long escalated;
        final Set<String> escalatedLanes = new TreeSet<>();
        long kept;

        List<WhatIf.Line> lines(Map<String, BigDecimal[]> groups) {
            Map<String, Set<String>> notes = groups == bySteps ? stepNotes : laneNotes;
            List<WhatIf.Line> lines = new ArrayList<>();
            groups.forEach((name, sums) -> lines.add(WhatIf.Line.of(name, sums[0], sums[1],
                    order(notes.getOrDefault(name, Set.of())))));
            lines.sort(Comparator.comparing(WhatIf.Line::simulatedUsd).reversed().thenComparing(WhatIf.Line::name));
            return lines;
        }
    }

    private Priced run(Function<Row, String> route, Function<String, ModelPrice> prices) {
        return run(route, prices, false);
    }

    /** @param markKept whether an attempt without a lane keeps its own model (config routing) and says so */
    private Priced run(Function<Row, String> route, Function<String, ModelPrice> prices, boolean markKept) {
        Priced p = new Priced();
        for (Row r : rows) {
            String lane = r.lane() == null ? "(none)" : r.lane();
            BigDecimal[] step = p.bySteps.computeIfAbsent(r.step(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal[] byLane = p.byLanes.computeIfAbsent(lane, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            step[0] = step[0].add(r.cost());
            byLane[0] = byLane[0].add(r.cost());
            if (!r.billed()) {
                continue; // nothing was billed for it, and nothing would have been
            }
            String target = route.apply(r);
            ModelPrice price = prices.apply(target);
            BigDecimal cost = CostCalculator.cost(price, r.usage()).total();
            p.total = p.total.add(cost);
            step[1] = step[1].add(cost);
            byLane[1] = byLane[1].add(cost);
            Set<String> keys = new LinkedHashSet<>();
            if (!same(target, r.model())) {
                Usage u = r.usage();
                long[] m = p.moved.computeIfAbsent(price.ref(), k -> new long[4]);
                String family = r.family() != null ? r.family() : r.model().substring(0, Math.max(0, r.model().indexOf('/')));
                if (!family.equalsIgnoreCase(price.family())) {
                    keys.add(TOKENS);
                    m[0] += u.totalTokens();
                    p.fromFamilies.add(family);
                }
                if (u.cacheReadTokens() + u.cacheWriteTokens() + u.cacheWrite1hTokens() > 0) {
                    keys.add(CACHE);
                    m[1] += u.cacheReadTokens();
                    m[2] += u.cacheWriteTokens() + u.cacheWrite1hTokens();
                }
                if (u.reasoningTokens() > 0) {
                    keys.add(REASONING);
                    m[3] += u.reasoningTokens();
                }
                if (r.escalatedFrom() != null && same(target, r.originalModel())) {
                    keys.add(ESCALATION);
                    p.escalated++;
                    p.escalatedLanes.add(r.lane() + " (from " + r.escalatedFrom() + ")");
                }
            } else if (markKept && r.lane() == null) {
                keys.add(KEPT);
                p.kept++;
            }
            p.stepNotes.computeIfAbsent(r.step(), k -> new LinkedHashSet<>()).addAll(keys);
            p.laneNotes.computeIfAbsent(lane, k -> new LinkedHashSet<>()).addAll(keys);
            p.notes.addAll(keys);
        }
        List<String> ordered = order(p.notes);
        p.notes.clear();
        p.notes.addAll(ordered);
        return p;
    }

    private static final List<String> KEYS = List.of(TOKENS, CACHE, REASONING, ESCALATION, KEPT);

    private static List<String> order(Set<String> keys) {
        return KEYS.stream().filter(keys::contains).toList();
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    private List<WhatIf.Assumption> assumptions(Priced p, Alternative alternative, Function<String, ModelPrice> prices) {
        List<WhatIf.Assumption> out = new ArrayList<>();
        if (p.notes.contains(TOKENS)) {
            List<String> parts = new ArrayList<>();
            p.moved.forEach((model, m) -> {
                if (m[0] > 0) {
                    parts.add(count(m[0]) + " on " + model);
                }
            });
            out.add(new WhatIf.Assumption(TOKENS, "Same token counts: tokens counted by the "
                    + String.join(", ", p.fromFamilies) + " tokenizer(s) are priced as if the other family counted the "
                    + "same text the same way (" + String.join("; ", parts) + "). No per-family ratio is applied: the "
                    + "only bundled tokenizers (jtokkit) are OpenAI's, so a ratio to another family's tokenizer cannot "
                    + "be measured here, and real counts differ by family."));
        }
        if (p.notes.contains(CACHE)) {
            List<String> parts = new ArrayList<>();
            p.moved.forEach((model, m) -> {
                TokenPrices rates = prices.apply(model).prices();
                if (m[1] > 0) {
                    parts.add(count(m[1]) + " cache-read tokens on " + model + (rates.cacheRead() != null
                            ? " at its cache-read rate $" + plain(rates.cacheRead()) + "/M"
                            : " priced as input at $" + plain(rates.input()) + "/M: it lists no cache-read rate"));
                }
                if (m[2] > 0) {
                    parts.add(count(m[2]) + " cache-write tokens on " + model + (rates.cacheWrite() != null
                            ? " at its cache-write rate $" + plain(rates.cacheWrite()) + "/M"
                            : " priced as input at $" + plain(rates.input()) + "/M: it lists no cache-write price"));
                }
            });
            out.add(new WhatIf.Assumption(CACHE, "Prompt cache as it happened: the same reads and writes are assumed "
                    + "on the alternative, at its own rates where it has them (base tier shown; tiers apply per "
                    + "attempt): " + String.join("; ", parts) + "."));
        }
        if (p.notes.contains(REASONING)) {
            List<String> parts = new ArrayList<>();
            p.moved.forEach((model, m) -> {
                if (m[3] > 0) {
                    TokenPrices rates = prices.apply(model).prices();
                    parts.add(count(m[3]) + " on " + model + (rates.reasoning() != null
                            ? " at its reasoning rate $" + plain(rates.reasoning()) + "/M"
                            : " at its output rate $" + plain(rates.output()) + "/M"));
                }
            });
            out.add(new WhatIf.Assumption(REASONING, "Reasoning tokens kept: the price catalog does not say which "
                    + "models think, so the recorded thinking tokens are priced at the alternative's reasoning rate, "
                    + "or as output where it lists none (providers bill thinking as output): " + String.join("; ", parts)
                    + ". A model that does not reason would have produced fewer or none, so this part is an upper "
                    + "bound."));
        }
        if (p.notes.contains(ESCALATION)) {
            out.add(new WhatIf.Assumption(ESCALATION, "Escalation off: " + count(p.escalated) + " billed attempt(s) "
                    + "that ran in " + String.join(", ", p.escalatedLanes) + " are priced, token for token, on the "
                    + "model the original lane's first round went to. Without escalation the step would have stopped "
                    + "failed or gone on in its own lane; this prices the same rounds there, not a measured outcome."));
        }
        if (p.notes.contains(KEPT)) {
            out.add(new WhatIf.Assumption(KEPT, count(p.kept) + " billed attempt(s) without a lane (direct calls "
                    + "to a model) are kept on their own model, at these prices."));
        }
        return out;
    }

    private static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** The sources, in order. */
    public List<String> sources() {
        return sources;
    }

}
