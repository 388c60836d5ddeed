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
        // Which cases (default: json, burst, events): json, burst, events, burst1mb, threads8
        java.util.Set<String> cases = args.length > 2 ? java.util.Set.of(Arrays.copyOfRange(args, 2, args.length))
                : java.util.Set.of("json", "burst", "events");
        ProviderCallBenchmark bench = new ProviderCallBenchmark();
        Blackhole blackhole = new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

        if (cases.contains("json")) {
            ProviderCallBenchmark.Json json = new ProviderCallBenchmark.Json();
            json.setUp();
            try {
                compare("2 KB JSON", rounds, calls, blackhole,
                        new String[] {"engineJson", "rawJson", "rawJsonParsed"},
                        () -> bench.engineJson(json), () -> bench.rawJson(json), () -> bench.rawJsonParsed(json));
            } finally {
                json.tearDown();
            }
        }
        for (String write : new String[] {"burst", "events", "burst1mb"}) {
            if (!cases.contains(write)) {
                continue;
            }
            ProviderCallBenchmark.Stream stream = new ProviderCallBenchmark.Stream();
            stream.write = write.startsWith("burst") ? "burst" : "events";
            stream.kb = write.equals("burst1mb") ? 1024 : 100;
            stream.setUp();
            try {
                compare(stream.kb + " KB stream, write=" + stream.write, rounds,
                        Math.max(1, calls / (stream.kb > 100 ? 80 : 8)), blackhole,
                        new String[] {"engineStream", "rawStream", "rawStreamParsed"},
                        () -> bench.engineStream(stream, blackhole), () -> bench.rawStream(stream, blackhole),
                        () -> bench.rawStreamParsed(stream, blackhole));
            } finally {
                stream.tearDown();
            }
        }
        if (cases.contains("threads8")) {
            for (String write : new String[] {"burst", "events"}) {
                ProviderCallBenchmark.Stream8 stream = new ProviderCallBenchmark.Stream8();
                stream.write = write;
                stream.kb = 100;
                stream.setUp();
                try {
                    compareThreads("100 KB stream on 8 threads, write=" + write, 8, rounds, Math.max(1, calls / 64),
                            blackhole, new String[] {"engineStream8", "rawStream8", "rawStreamParsed8"},
                            () -> bench.engineStream(stream, blackhole), () -> bench.rawStream(stream, blackhole),
                            () -> bench.rawStreamParsed(stream, blackhole));
                } finally {
                    stream.tearDown();
                }
            }
        }
    }

    /**
     * {@code threads} threads each make {@code calls} calls per side per round, the sides interleaved as in
     * {@link #compare}; a side's throughput is its calls over the time they took, so the ratio printed is
     * engine calls per second over the baseline's, both under the same concurrent load (higher is better).
     */
    private static void compareThreads(String title, int threads, int rounds, int calls, Blackhole blackhole,
            String[] names, Call... sides) throws Exception {
        double[][] roundTimes = new double[sides.length][rounds];
        for (int r = -1; r < rounds; r++) { // round -1 warms up
            long[][] total = new long[threads][sides.length];
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            Exception[] failure = new Exception[1];
            int perThread = r < 0 ? Math.max(calls * 3, 20) : calls;
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            for (int k = 0; k < sides.length; k++) {
                                int s = (i + k + thread) % sides.length;
                                long begin = System.nanoTime();
                                blackhole.consume(sides[s].run());
                                total[thread][s] += System.nanoTime() - begin;
                            }
                        }
                    } catch (Exception e) {
                        failure[0] = e;
                    }
                });
                worker.start();
                workers.add(worker);
            }
            start.countDown();
            for (Thread worker : workers) {
                worker.join();
            }
            if (failure[0] != null) {
                throw failure[0];
            }
            if (r >= 0) {
                for (int s = 0; s < sides.length; s++) {
                    long sum = 0;
                    for (long[] perSide : total) {
                        sum += perSide[s];
                    }
                    roundTimes[s][r] = sum;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d rounds x %d calls per side per thread, %d threads, interleaved%n",
                title, rounds, calls, threads);
        double engine = Arrays.stream(roundTimes[0]).sum();
        System.out.printf(Locale.ROOT, "  %-16s mean %9.1f us per call%n", names[0], engine / rounds / threads / calls / 1_000);
        for (int s = 1; s < sides.length; s++) {
            double base = Arrays.stream(roundTimes[s]).sum();
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = roundTimes[s][r] / roundTimes[0][r];
            }
            Arrays.sort(ratios);
            System.out.printf(Locale.ROOT,
                    "  %-16s mean %9.1f us per call   throughput engine/%s %5.2f   per-round min %4.2f median %4.2f max %4.2f%n",
                    names[s], base / rounds / threads / calls / 1_000, names[s], base / engine, ratios[0],
                    ratios[rounds / 2], ratios[rounds - 1]);
        }
    }

    /** Warms up, then measures {@code rounds} rounds of {@code calls} calls per side; side 0 is the engine. */
    private static void compare(String title, int rounds, int calls, Blackhole blackhole, String[] names, Call... sides)
            throws Exception {
        int warmUp = calls >= 1_000 ? Math.max(calls * 3, 3_000) : calls * 6; // streams: fewer, longer calls
        for (int i = 0; i < warmUp; i++) { // warm-up: JIT and connection pools
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
