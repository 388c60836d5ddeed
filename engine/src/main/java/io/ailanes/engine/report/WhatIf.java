package io.ailanes.engine.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * What recorded builds would have cost under other routings ({@code ai-lanes simulate}): the same billed
 * attempts, token for token, sent to other models and priced with a catalog. {@link #NONE} when no simulation
 * was asked; cost.json then has {@code "whatIf": null} and report.html no What-if section.
 *
 * @param sources the audits simulated (paths or run ids), in order
 * @param unverified those whose hash chain did not verify (simulated only because that was asked for)
 * @param attempts billed attempts re-priced (retries included, refusals and unbilled failures not)
 * @param paidUsd what was paid: the exact sum of the attempts' recorded costs
 * @param paidPrices the catalog date(s) the runs recorded for their own costs, or null when the audits do not say
 * @param catalogDate the date of the catalog the alternatives are priced with, or null
 * @param catalogLabel where that catalog comes from, in words
 * @param asRoutedUsd the recorded routing priced with that catalog (so price changes since the run can be told
 *     apart from routing), or null when a recorded model has no price there
 * @param alternatives one result per alternative asked for, in order
 */
public record WhatIf(List<String> sources, List<String> unverified, long attempts, BigDecimal paidUsd,
        String paidPrices, String catalogDate, String catalogLabel, BigDecimal asRoutedUsd,
        List<Alternative> alternatives) {

    public static final WhatIf NONE = new WhatIf(List.of(), List.of(), 0, BigDecimal.ZERO, null, null, null, null,
            List.of());

    public WhatIf {
        sources = List.copyOf(sources);
        unverified = List.copyOf(unverified);
        alternatives = List.copyOf(alternatives);
    }

    public boolean isEmpty() {
        return alternatives.isEmpty();
    }

    /**
     * One alternative routing.
     *
     * @param kind {@code all-premium}, {@code all-cheap}, {@code config} or {@code escalation}
     * @param spec the alternative as resolved, e.g. {@code all-cheap=deepseek/deepseek-chat}, usable again as input
     * @param description what was routed where, in words
     * @param totalUsd the simulated total, exact
     * @param differenceUsd total − paid: negative when the alternative is cheaper
     * @param differencePercent 100 × difference / paid (two places), null when nothing was paid
     * @param byStep per recorded step, most expensive (simulated) first
     * @param byLane per lane the attempt ran in, most expensive (simulated) first
     * @param assumptions each assumption this figure rests on, keyed; lines name the keys that apply to them
     * @param notes the keys that apply to the total
     */
    public record Alternative(String kind, String spec, String description, BigDecimal totalUsd,
            BigDecimal differenceUsd, BigDecimal differencePercent, List<Line> byStep, List<Line> byLane,
            List<Assumption> assumptions, List<String> notes) {

        public Alternative {
            byStep = List.copyOf(byStep);
            byLane = List.copyOf(byLane);
            assumptions = List.copyOf(assumptions);
            notes = List.copyOf(notes);
        }

        public static Alternative of(String kind, String spec, String description, BigDecimal paid,
                BigDecimal total, List<Line> byStep, List<Line> byLane, List<Assumption> assumptions,
                List<String> notes) {
            BigDecimal difference = total.subtract(paid);
            return new Alternative(kind, spec, description, total, difference, Ratios.percent(difference, paid),
                    byStep, byLane, assumptions, notes);
        }
    }

    /**
     * One step or lane of an alternative.
     *
     * @param name the step or lane
     * @param paidUsd its recorded cost
     * @param simulatedUsd its cost under the alternative
     * @param differenceUsd simulated − paid
     * @param differencePercent 100 × difference / paid, null when nothing was paid
     * @param notes keys of the assumptions this figure rests on
     */
    public record Line(String name, BigDecimal paidUsd, BigDecimal simulatedUsd, BigDecimal differenceUsd,
            BigDecimal differencePercent, List<String> notes) {

        public Line {
            notes = List.copyOf(notes);
        }

        public static Line of(String name, BigDecimal paid, BigDecimal simulated, List<String> notes) {
            BigDecimal difference = simulated.subtract(paid);
            return new Line(name, paid, simulated, difference, Ratios.percent(difference, paid), notes);
        }
    }

    /**
     * An assumption a figure rests on.
     *
     * @param key {@code tokens}, {@code cache}, {@code reasoning}, {@code escalation} or {@code kept}
     * @param text the assumption in words, with the token counts and rates it concerns
     */
    public record Assumption(String key, String text) {}
}
