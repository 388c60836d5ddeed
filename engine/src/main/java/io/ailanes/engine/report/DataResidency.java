package io.ailanes.engine.report;

import java.util.List;

/**
 * Where a run's prompts and completions went, and where its records are kept: the report's residency section.
 *
 * @param allowedRegions {@code policy.allowedRegions} as the run recorded it, or null when the run had no region policy
 * @param providers each provider the run called or refused, in the order first seen
 * @param recordsKeptIn the directory holding the run's audit.jsonl, cost.json and report.html, or null when not known
 */
public record DataResidency(List<String> allowedRegions, List<ProviderUse> providers, String recordsKeptIn) {

    /** The files a run keeps in {@link #recordsKeptIn}. */
    public static final List<String> RECORDS = List.of("audit.jsonl", "cost.json", "report.html");

    public static final DataResidency NONE = new DataResidency(null, List.of(), null);

    public DataResidency {
        allowedRegions = allowedRegions == null ? null : List.copyOf(allowedRegions);
        providers = List.copyOf(providers);
    }

    /**
     * One provider's share.
     *
     * @param provider the provider id
     * @param regions where it processes data; empty when unknown or not recorded
     * @param basis {@code configured} (the provider's dataRegion), {@code catalog} (the bundled region catalog),
     *     {@code unknown}, or {@code not recorded} (an audit written before regions were recorded)
     * @param source the provider's documentation page the catalog cites, or null
     * @param calls calls with at least one attempt sent to it
     * @param attempts attempts sent to it
     * @param inputTokens input tokens it was sent (all input buckets)
     * @param outputTokens tokens it generated (output and reasoning)
     * @param refused times the region policy skipped it before anything was sent
     */
    public record ProviderUse(String provider, List<String> regions, String basis, String source, long calls,
            long attempts, long inputTokens, long outputTokens, long refused) {

        public ProviderUse {
            regions = List.copyOf(regions);
        }
    }
}
