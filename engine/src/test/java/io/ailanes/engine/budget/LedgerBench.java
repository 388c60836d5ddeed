package io.ailanes.engine.budget;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain benchmark (not a test): median latency of reserve+settle on one five-scope chain, 64-thread
 * throughput on one build scope with an overspend check, and the load time of a month-sized journal.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -pl engine -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "engine/target/test-classes:engine/target/classes:$(cat /tmp/cp.txt)" io.ailanes.engine.budget.LedgerBench
 * </pre>
 */
public final class LedgerBench {

    private static final BigDecimal INPUT = new BigDecimal("0.0003");
    private static final BigDecimal PER_TOKEN = new BigDecimal("0.000015");
    private static final BigDecimal ACTUAL = new BigDecimal("0.0041");

    private LedgerBench() {}

    public static void main(String[] args) throws Exception {
        List<ScopeId> chain = List.of(ScopeId.call("c"), ScopeId.step("s"), ScopeId.build("job#1"),
                new ScopeId(ScopeKind.JOB_MONTH, "job@2026-11"), new ScopeId(ScopeKind.GLOBAL_DAY, "2026-11-05"));

        System.out.println("reserveFitting+settle, 5-scope chain, in-memory store: median "
                + medianNanos(BudgetLedger.inMemory(), chain) + " ns");
        Path dir = Files.createTempDirectory("ledger-bench");
        Path file = dir.resolve("ledger.jsonl");
        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            System.out.println("reserveFitting+settle, 5-scope chain, file store:      median "
                    + medianNanos(new BudgetLedger(store), chain) + " ns");
        }
        long events = Files.lines(file).count();
        long start = System.nanoTime();
        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            BudgetLedger reloaded = new BudgetLedger(store);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("reload of " + events + " journal events (" + Files.size(file) / 1024 + " KiB): "
                    + millis + " ms, month settled " + reloaded.state(chain.get(3)).settled());
        }
        contention(64, 50_000);
    }

    private static long medianNanos(BudgetLedger ledger, List<ScopeId> chain) {
        for (ScopeId scope : chain) {
            ledger.setCap(scope, new BigDecimal("1000000"));
        }
        for (int i = 0; i < 200_000; i++) { // warm up
            ledger.settle(ledger.reserveFitting(chain, INPUT, PER_TOKEN, 4096, 256), ACTUAL);
        }
        int rounds = 200;
        int perRound = 1000;
        long[] samples = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                ledger.settle(ledger.reserveFitting(chain, INPUT, PER_TOKEN, 4096, 256), ACTUAL);
            }
            samples[r] = (System.nanoTime() - t0) / perRound;
        }
        Arrays.sort(samples);
        return samples[rounds / 2];
    }

    private static void contention(int threads, int perThread) throws Exception {
        BudgetLedger ledger = BudgetLedger.inMemory();
        ScopeId build = ScopeId.build("job#2");
        BigDecimal cap = new BigDecimal("100.00");
        ledger.setCap(build, cap);
        ScopeId day = new ScopeId(ScopeKind.GLOBAL_DAY, "2026-11-05");
        AtomicLong granted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String call = "t" + t;
            futures.add(pool.submit(() -> {
                go.await();
                List<ScopeId> chain = List.of(ScopeId.call(call), build, day);
                for (int i = 0; i < perThread; i++) {
                    try {
                        Reservation r = ledger.reserveFitting(chain, INPUT, PER_TOKEN, 4096, 256);
                        granted.incrementAndGet();
                        // Most calls fail unbilled; one in a thousand bills its whole worst case, so the
                        // build fills up about halfway through and refusals take over.
                        ledger.settle(r, i % 1000 == 999 ? r.amount() : BigDecimal.ZERO);
                    } catch (BudgetExceededException e) {
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        long t0 = System.nanoTime();
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        long nanos = System.nanoTime() - t0;
        pool.shutdown();
        ScopeState state = ledger.state(build);
        long ops = (long) threads * perThread;
        System.out.printf("%d threads on one build scope: %d operations (%d granted+settled, %d refused) in %d ms"
                        + " = %.0f ops/s; build settled %s of cap %s, reserved %s, overspend: %s%n",
                threads, ops, granted.get(), refused.get(), nanos / 1_000_000, ops * 1e9 / nanos,
                state.settled().toPlainString(), cap.toPlainString(), state.reserved().toPlainString(),
                state.settled().compareTo(cap) > 0 ? "YES" : "none");
        if (state.settled().compareTo(cap) > 0 || state.reserved().signum() != 0) {
            throw new AssertionError("overspend or leaked reservation: " + state);
        }
    }
}
