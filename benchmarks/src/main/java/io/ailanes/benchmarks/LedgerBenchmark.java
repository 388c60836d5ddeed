package io.ailanes.benchmarks;

import io.ailanes.engine.budget.BudgetLedger;
import io.ailanes.engine.budget.LedgerEvent;
import io.ailanes.engine.budget.LedgerStore;
import io.ailanes.engine.budget.Reservation;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.ScopeKind;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/** Reserve (fitting the output cap) and settle on a five-scope chain, in memory: the budget check every call pays. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LedgerBenchmark {

    private static final BigDecimal INPUT = new BigDecimal("0.00042");
    private static final BigDecimal PER_TOKEN = new BigDecimal("0.0000015");
    private static final BigDecimal ACTUAL = new BigDecimal("0.0011");

    private BudgetLedger ledger;
    private List<ScopeId> chain;

    @Setup(Level.Trial)
    public void setUp() {
        // A store that keeps nothing: the in-memory one keeps every event, which would turn a long benchmark
        // into a garbage-collector benchmark.
        ledger = new BudgetLedger(new LedgerStore() {
            @Override
            public Loaded load() {
                return new Loaded(List.of(), List.of());
            }

            @Override
            public void append(LedgerEvent event) {}
        });
        chain = List.of(new ScopeId(ScopeKind.CALL, "c"), new ScopeId(ScopeKind.STEP, "job#1/implement"),
                ScopeId.build("job#1"), new ScopeId(ScopeKind.JOB_MONTH, "job@2026-11"),
                new ScopeId(ScopeKind.GLOBAL_DAY, "2026-11-23"));
        // Caps far above what the benchmark spends, so every reservation is granted.
        for (ScopeId scope : chain) {
            ledger.setCap(scope, new BigDecimal("1000000000"));
        }
    }

    @Benchmark
    public Reservation reserveAndSettle() {
        Reservation reservation = ledger.reserveFitting(chain, INPUT, PER_TOKEN, 4096, 256);
        ledger.settle(reservation, ACTUAL);
        return reservation;
    }

    @Benchmark
    @Threads(64)
    public Reservation reserveAndSettle64Threads() {
        Reservation reservation = ledger.reserveFitting(chain, INPUT, PER_TOKEN, 4096, 256);
        ledger.settle(reservation, ACTUAL);
        return reservation;
    }
}
