package io.ailanes.engine.simulate;

import io.ailanes.engine.audit.AuditFormatException;
import io.ailanes.engine.forecast.AuditFile;
import io.ailanes.engine.forecast.LeftOut;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.price.UnknownPriceException;
import io.ailanes.engine.report.Ratios;
import io.ailanes.engine.report.WhatIf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Past builds (a job's history) under the two fixed routings, in total and build by build: what they paid, all on
 * the premium model each recorded ({@code all-premium}) and all on the model they used that is cheapest for their
 * token mix ({@code all-cheap}, picked once over all the builds, as {@code ai-lanes simulate} does), priced by
 * {@link RoutingSimulator}.
 *
 * <p>Only audits whose hash chain verifies are compared; the others, the unreadable ones and those with no billed
 * attempt are left out and named ({@link LeftOut#unless}, the forecast's rule). The saving is the all-premium
 * comparison's: {@code premium − paid}, and as a percentage of {@code premium} (two places, half-even; null when
 * premium is zero).
 *
 * @param total the builds together (their {@link WhatIf}: paid, as routed at these prices, both alternatives with
 *     their assumptions' keys and words), or null when no build could be compared
 * @param builds one per compared build, in the order given
 * @param leftOut the audits not compared, and why
 */
public record RoutingComparison(WhatIf total, List<Build> builds, List<LeftOut> leftOut) {

    /** The routings compared, in this order in {@link #total}'s alternatives. */
    public static final List<Alternative> ROUTINGS = List.of(new Alternative.AllPremium(null),
            new Alternative.AllCheap(null));

    public RoutingComparison {
        builds = List.copyOf(builds);
        leftOut = List.copyOf(leftOut);
    }

    /**
     * One build.
     *
     * @param name as the audit was named ({@code #42})
     * @param paidUsd its recorded cost
     * @param premiumUsd all on its premium model
     * @param premiumNotes keys of the assumptions that figure rests on
     * @param cheapUsd all on the cheap model picked for all the builds
     * @param cheapNotes keys of the assumptions that figure rests on
     * @param savingUsd {@code premiumUsd − paidUsd}
     * @param savingPercent {@code 100 × savingUsd / premiumUsd}, null when premium is zero
     */
    public record Build(String name, BigDecimal paidUsd, BigDecimal premiumUsd, List<String> premiumNotes,
            BigDecimal cheapUsd, List<String> cheapNotes, BigDecimal savingUsd, BigDecimal savingPercent) {

        public Build {
            premiumNotes = List.copyOf(premiumNotes);
            cheapNotes = List.copyOf(cheapNotes);
        }
    }

    /**
     * @param audits the builds' audits, in the order the builds are to be listed
     * @param catalog the prices of the alternatives
     * @param catalogLabel where those prices come from, in words
     * @throws UnknownPriceException when a model the routings need has no price (nothing is guessed)
     * @throws IllegalArgumentException when a routing cannot apply (an audit records no premium model)
     */
    public static RoutingComparison compare(List<AuditFile> audits, PriceCatalog catalog, String catalogLabel)
            throws IOException {
        List<LeftOut> leftOut = new ArrayList<>();
        List<AuditFile> kept = new ArrayList<>();
        List<RoutingSimulator> each = new ArrayList<>();
        for (AuditFile audit : audits) {
            Optional<LeftOut> unusable = LeftOut.unless(audit);
            if (unusable.isPresent()) {
                leftOut.add(unusable.get());
                continue;
            }
            RoutingSimulator one;
            try {
                one = RoutingSimulator.load(List.of(audit.file()));
            } catch (AuditFormatException | UncheckedIOException e) {
                leftOut.add(new LeftOut(audit.name(), "cannot be read: " + e.getMessage()));
                continue;
            }
            if (one.simulate(List.of(), catalog, catalogLabel, List.of()).attempts() == 0) {
                leftOut.add(new LeftOut(audit.name(), "records no billed model call"));
                continue;
            }
            kept.add(audit);
            each.add(one);
        }
        if (kept.isEmpty()) {
            return new RoutingComparison(null, List.of(), leftOut);
        }
        List<Path> files = kept.stream().map(AuditFile::file).toList();
        WhatIf total = RoutingSimulator.load(files).simulate(ROUTINGS, catalog, catalogLabel, List.of());
        // The cheap model is picked once, over all the builds; all-premium stays each build's own recorded one.
        List<Alternative> resolved = List.of(ROUTINGS.get(0), Alternative.parse(total.alternatives().get(1).spec()));
        List<Build> builds = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            WhatIf one = each.get(i).simulate(resolved, catalog, catalogLabel, List.of());
            WhatIf.Alternative premium = one.alternatives().get(0);
            WhatIf.Alternative cheap = one.alternatives().get(1);
            builds.add(new Build(kept.get(i).name(), one.paidUsd(), premium.totalUsd(), premium.notes(),
                    cheap.totalUsd(), cheap.notes(), saving(one), savingPercent(one)));
        }
        return new RoutingComparison(total, builds, leftOut);
    }

    /** The all-premium routing of the builds together, or null when none was compared. */
    public WhatIf.Alternative premium() {
        return total == null ? null : total.alternatives().get(0);
    }

    /** The all-cheap routing of the builds together, or null when none was compared. */
    public WhatIf.Alternative cheap() {
        return total == null ? null : total.alternatives().get(1);
    }

    /** All-premium minus paid, of the builds together, or null when none was compared. */
    public BigDecimal savingUsd() {
        return total == null ? null : saving(total);
    }

    /** {@link #savingUsd} as a percentage of all-premium, or null (none compared, or premium zero). */
    public BigDecimal savingPercent() {
        return total == null ? null : savingPercent(total);
    }

    private static BigDecimal saving(WhatIf w) {
        return w.alternatives().get(0).totalUsd().subtract(w.paidUsd());
    }

    private static BigDecimal savingPercent(WhatIf w) {
        return Ratios.percent(saving(w), w.alternatives().get(0).totalUsd());
    }
}
