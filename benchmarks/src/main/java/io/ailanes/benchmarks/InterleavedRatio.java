package io.ailanes.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The call-path ratios of {@link ProviderCallBenchmark}, measured with the engine's and the raw clients'
 * calls interleaved one by one against the same loopback server. JMH measures one benchmark after another,
 * about half a minute each, so on a shared machine the two sides of a ratio meet different loads; here
 * every load swing hits both sides alike. Each call is timed with {@link System#nanoTime}; the order of the
 * sides rotates from call to call. Prints the median per side over all rounds, their ratio, and the spread
 * of the per-round ratios.
 *
 * <pre>java -Xms512m -Xmx512m -cp benchmarks/target/benchmarks.jar io.ailanes.benchmarks.InterleavedRatio [rounds] [calls per round]</pre>
 */
public final class InterleavedRatio {

    private InterleavedRatio() {}

    /** One side of a comparison: a call whose result is consumed. */
    private interface Call {
        Object run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        ProviderCallBenchmark bench = new ProviderCallBenchmark();
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

        ProviderCallBenchmark.Json json = new ProviderCallBenchmark.Json();
        json.setUp();
        try {
            compare("2 KB JSON", rounds, calls, blackhole,
                    new String[] {"engineJson", "rawJson", "rawJsonParsed"},
                    () -> bench.engineJson(json), () -> bench.rawJson(json), () -> bench.rawJsonParsed(json));
        } finally {
            json.tearDown();
        }
        for (String write : new String[] {"burst", "events"}) {
            ProviderCallBenchmark.Stream stream = new ProviderCallBenchmark.Stream();
            stream.write = write;
            stream.kb = 100;
            stream.setUp();
            try {
                compare("100 KB stream, write=" + write, rounds, Math.max(1, calls / 8), blackhole,
                        new String[] {"engineStream", "rawStream", "rawStreamParsed"},
                        () -> bench.engineStream(stream, blackhole), () -> bench.rawStream(stream, blackhole),
                        () -> bench.rawStreamParsed(stream, blackhole));
            } finally {
                stream.tearDown();
            }
        }
    }

    /** Warms up, then measures {@code rounds} rounds of {@code calls} calls per side; side 0 is the engine. */
    private static void compare(String title, int rounds, int calls, Blackhole blackhole, String[] names, Call... sides)
            throws Exception {
        for (int i = 0; i < Math.max(calls * 3, 3_000); i++) { // warm-up: JIT and connection pools
            for (Call side : sides) {
                blackhole.consume(side.run());
            }
        }
        List<long[]> all = new ArrayList<>();
        for (int s = 0; s < sides.length; s++) {
            all.add(new long[rounds * calls]);
        }
        double[][] roundRatios = new double[sides.length][rounds];
        for (int r = 0; r < rounds; r++) {
            long[][] round = new long[sides.length][calls];
            for (int i = 0; i < calls; i++) {
                for (int k = 0; k < sides.length; k++) {
                    int s = (i + k) % sides.length; // rotate which side goes first
                    long start = System.nanoTime();
                    blackhole.consume(sides[s].run());
                    round[s][i] = System.nanoTime() - start;
                }
            }
            for (int s = 0; s < sides.length; s++) {
                System.arraycopy(round[s], 0, all.get(s), r * calls, calls);
            }
            double engine = median(round[0]);
            for (int s = 1; s < sides.length; s++) {
                roundRatios[s][r] = engine / median(round[s]);
            }
        }
        double engine = median(all.get(0));
        System.out.printf(Locale.ROOT, "%s: %d rounds x %d calls per side, interleaved%n", title, rounds, calls);
        System.out.printf(Locale.ROOT, "  %-16s median %9.1f us%n", names[0], engine / 1_000);
        for (int s = 1; s < sides.length; s++) {
            double base = median(all.get(s));
            double[] ratios = roundRatios[s].clone();
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT,
                    "  %-16s median %9.1f us   engine/%s %5.2f   per-round ratio min %4.2f median %4.2f max %4.2f%n",
                    names[s], base / 1_000, names[s], engine / base, ratios[0], ratios[ratios.length / 2],
                    ratios[ratios.length - 1]);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
