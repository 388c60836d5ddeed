package io.ailanes.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs benchmarks (by default {@link ProviderCallBenchmark}; any JMH options pass through, e.g.
 * {@code EditBenchmark -f 1 -wi 3 -i 5 -prof gc}) and prints, for each engine benchmark and its baseline, both
 * medians, their ratio, and the allocation per operation when the GC profiler ran. Both sides are measured in
 * the same run, so the ratio holds up on a shared machine where absolute times drift.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.ailanes.benchmarks.RatioReport -f 1 -wi 3 -i 5 -w 2s -r 3s</pre>
 */
public final class RatioReport {

    /** The provider issue's target: the engine's median at most 10 % above the raw client's. */
    static final double TARGET = 1.10;

    /** An engine benchmark, the baseline it is compared with, and the ratio it must not exceed (NaN: none set). */
    private record Pair(String engine, String baseline, double target) {}

    /** The target for throughput under 8 threads: the engine at least 0.9 of the raw client's. */
    static final double THROUGHPUT_TARGET = 0.90;

    private RatioReport() {}

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions given = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(given);
        if (given.getIncludes().isEmpty()) {
            options.include(ProviderCallBenchmark.class.getName() + "\\.");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.print(report(results));
    }

    /** Each engine benchmark and the baselines it is compared with. */
    private static final List<Pair> PAIRS = List.of(
            new Pair("engineJson", "rawJson", TARGET),
            new Pair("engineJson", "rawJsonParsed", TARGET),
            new Pair("engineStream", "rawStream", TARGET),
            new Pair("engineStream", "rawStreamParsed", TARGET),
            new Pair("engineStream8", "rawStream8", THROUGHPUT_TARGET),
            new Pair("engineStream8", "rawStreamParsed8", THROUGHPUT_TARGET),
            new Pair("apply200", "write200", Double.NaN),
            new Pair("applyFailing200", "writeAndRewrite200", Double.NaN),
            new Pair("revert200", "rewrite200", Double.NaN),
            new Pair("parse1MB", "splitLines1MB", Double.NaN));

    /** The table: one line per pair and parameter value. */
    static String report(Collection<RunResult> results) {
        // "method params" -> result
        Map<String, RunResult> byName = new TreeMap<>();
        Map<String, String> paramsOf = new TreeMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            List<String> params = new ArrayList<>();
            for (String key : result.getParams().getParamsKeys()) {
                params.add(key + "=" + result.getParams().getParam(key));
            }
            String p = String.join(",", params);
            byName.put(method + " " + p, result);
            paramsOf.put(p, p);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-16s %-19s %-12s %13s %13s %7s %7s %12s %12s%n",
                "engine", "baseline", "params", "engine p50", "base p50", "ratio", "target", "engine B/op", "base B/op"));
        for (Pair pair : PAIRS) {
            for (String p : paramsOf.keySet()) {
                RunResult engine = byName.get(pair.engine() + " " + p);
                RunResult raw = byName.get(pair.baseline() + " " + p);
                if (engine == null || raw == null) {
                    continue;
                }
                double enginePct = median(engine);
                double rawPct = median(raw);
                double ratio = enginePct / rawPct;
                boolean throughput = isThroughput(engine);
                String met = Double.isNaN(pair.target()) ? "-" : throughput
                        ? String.format(Locale.ROOT, "%s%.2f", ratio >= pair.target() ? ">=" : "NO<", pair.target())
                        : String.format(Locale.ROOT, "%s%.2f", ratio <= pair.target() ? "<=" : "NO>", pair.target());
                out.append(String.format(Locale.ROOT, "%-16s %-19s %-12s %10.2f %-2s %10.2f %-2s %7.2f %7s %12s %12s%n",
                        pair.engine(), pair.baseline(), p.isEmpty() ? "-" : p, enginePct, shortUnit(engine), rawPct,
                        shortUnit(raw), ratio, met, allocation(engine), allocation(raw)));
            }
        }
        return out.toString();
    }

    /** Throughput results (ops per time): their ratio is engine/raw calls per second, higher is better. */
    private static boolean isThroughput(RunResult result) {
        return result.getPrimaryResult().getScoreUnit().startsWith("ops/");
    }

    /** The p50 of a sample-time result; the mean over iterations of a throughput result. */
    private static double median(RunResult result) {
        if (isThroughput(result)) {
            return result.getPrimaryResult().getScore();
        }
        return result.getPrimaryResult().getStatistics().getPercentile(50.0);
    }

    private static String allocation(RunResult result) {
        for (Map.Entry<String, Result> secondary : result.getSecondaryResults().entrySet()) {
            if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
                return String.format(Locale.ROOT, "%.0f", secondary.getValue().getScore());
            }
        }
        return "-";
    }

    private static String shortUnit(RunResult result) {
        String unit = result.getPrimaryResult().getScoreUnit();
        return unit.startsWith("us") ? "us" : unit.startsWith("ms") ? "ms" : unit.startsWith("ops/s") ? "/s" : unit;
    }
}
