package io.ailanes.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.budget.EstimatorCalibration.Observation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calibration rule's bounds, and its history kept in the ledger journal across restarts and old journals. */
class LedgerCalibrationTest {

    private static final String KEY = "anthropic/ANTHROPIC";
    private static final List<ScopeId> CHAIN = List.of(ScopeId.build("job#1"));

    @TempDir
    Path dir;

    private static Observation seen(long estimated, long reported) {
        return new Observation(KEY, estimated, estimated, reported);
    }

    @Test
    void withoutEnoughHistoryTheEstimateIsUnchanged() {
        EstimatorCalibration calibration = new EstimatorCalibration();
        assertThat(calibration.apply(KEY, 1000)).isEqualTo(1000);
        for (int i = 1; i < EstimatorCalibration.MIN_OBSERVATIONS; i++) {
            calibration.observe(seen(1000, 500));
            assertThat(calibration.apply(KEY, 1000)).isEqualTo(1000);
        }
        calibration.observe(seen(1000, 500));
        assertThat(calibration.factor(KEY)).isEqualTo(0.8); // 1.25 × 0.5 = 0.625, raised to the floor
        assertThat(calibration.apply(KEY, 1000)).isEqualTo(800);
        assertThat(calibration.apply("deepseek/DEEPSEEK", 1000)).as("another key has no history").isEqualTo(1000);
    }

    @Test
    void theFactorIsAQuarterAboveTheLargestRecentRatioWithinFloorAndOne() {
        EstimatorCalibration calibration = new EstimatorCalibration();
        for (int i = 0; i < 5; i++) {
            calibration.observe(seen(1000, 600 + i * 10)); // up to 0.64
        }
        assertThat(calibration.factor(KEY)).isEqualTo(0.8);
        calibration.observe(seen(1000, 720));
        assertThat(calibration.factor(KEY)).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(calibration.apply(KEY, 1001)).isEqualTo(901); // rounded up
        calibration.observe(seen(1000, 1100)); // the estimator was short once: back to the whole bound at once
        assertThat(calibration.factor(KEY)).isEqualTo(1.0);
        assertThat(calibration.apply(KEY, 1000)).isEqualTo(1000);
        for (int i = 0; i < EstimatorCalibration.WINDOW; i++) {
            calibration.observe(seen(1000, 1)); // a provider claiming one token a call cannot go below the floor
        }
        assertThat(calibration.factor(KEY)).isEqualTo(EstimatorCalibration.FLOOR);
        assertThat(calibration.observations(KEY)).isEqualTo(EstimatorCalibration.WINDOW);
        calibration.observe(seen(1000, 0)); // nothing counted: says nothing about the tokenizer
        assertThat(calibration.observations(KEY)).isEqualTo(EstimatorCalibration.WINDOW);
    }

    @Test
    void exactFamiliesAreNeverCalibrated() {
        assertThat(EstimatorCalibration.key("openai", Tokenizer.O200K)).isNull();
        assertThat(EstimatorCalibration.key("openai", Tokenizer.CL100K)).isNull();
        assertThat(EstimatorCalibration.key("deepseek", Tokenizer.DEEPSEEK)).isEqualTo("deepseek/DEEPSEEK");
        assertThat(new EstimatorCalibration().apply(null, 77)).isEqualTo(77);
    }

    @Test
    void theHistorySurvivesARestartInTheJournal() {
        Path file = dir.resolve("ledger.jsonl");
        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            BudgetLedger ledger = new BudgetLedger(store);
            for (int i = 0; i < 3; i++) {
                Reservation r = ledger.reserve(CHAIN, new BigDecimal("0.10"));
                ledger.settle(r, new BigDecimal("0.02"), new Observation(KEY, 1000, 1000, 500));
            }
            Reservation failed = ledger.reserve(CHAIN, new BigDecimal("0.10"));
            ledger.settle(failed, BigDecimal.ZERO); // a failed call: no observation
            assertThat(ledger.calibration().apply(KEY, 1000)).isEqualTo(800);
        }
        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            BudgetLedger ledger = new BudgetLedger(store);
            assertThat(ledger.calibration().observations(KEY)).isEqualTo(3);
            assertThat(ledger.calibration().apply(KEY, 1000)).isEqualTo(800);
            assertThat(ledger.state(CHAIN.get(0)).settled()).isEqualByComparingTo("0.06");
        }
    }

    @Test
    void aJournalWrittenBeforeCalibrationLoadsAsBeforeWithNoHistory() throws Exception {
        Path file = dir.resolve("old.jsonl");
        // Lines exactly as the ledger wrote them before calibration existed.
        Files.writeString(file, """
                {"e":"reserve","id":1,"chain":[["BUILD","job#1"],["GLOBAL_DAY","2026-11-23"]],"usd":"0.50"}
                {"e":"settle","id":1,"usd":"0.12"}
                {"e":"reserve","id":2,"chain":[["BUILD","job#1"],["GLOBAL_DAY","2026-11-23"]],"usd":"0.50"}
                {"e":"release","id":2,"usd":"0"}
                """, StandardCharsets.UTF_8);
        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            BudgetLedger ledger = new BudgetLedger(store);
            assertThat(ledger.warnings()).isEmpty();
            assertThat(ledger.state(ScopeId.build("job#1")).settled()).isEqualByComparingTo("0.12");
            assertThat(ledger.calibration().keys()).isEmpty();
            assertThat(ledger.calibration().apply(KEY, 1000)).as("no history: today's estimate").isEqualTo(1000);
            Reservation r = ledger.reserve(CHAIN, new BigDecimal("0.10"));
            ledger.settle(r, new BigDecimal("0.01"), new Observation(KEY, 900, 900, 400));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(6);
        // The new fields only add to a settle line: a reader that predates them reads e, id and usd as before.
        assertThat(lines.get(5)).isEqualTo("{\"e\":\"settle\",\"id\":3,\"usd\":\"0.01\",\"cal\":\"" + KEY
                + "\",\"est\":900,\"res\":900,\"rep\":400}");
    }

    @Test
    void theCodecRoundTripsObservationsAndIgnoresBrokenOnes() {
        LedgerEventCodec codec = new LedgerEventCodec();
        LedgerEvent event = LedgerEvent.settle(4, new BigDecimal("0.3"), new Observation(KEY, 643, 515, 406));
        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
        LedgerEvent plain = codec.decode("{\"e\":\"settle\",\"id\":4,\"usd\":\"0.3\",\"cal\":\"k\",\"est\":\"x\",\"res\":1,\"rep\":1}");
        assertThat(plain).isEqualTo(LedgerEvent.settle(4, new BigDecimal("0.3")));
        assertThat(codec.decode("{\"e\":\"settle\",\"id\":4,\"usd\":\"0.3\",\"cal\":\"k\",\"est\":0,\"res\":1,\"rep\":1}")
                .observation()).isNull();
    }

    @Test
    void compactionDropsObservationsOnlyWithTheirReservations() {
        ScopeId oldDay = new ScopeId(ScopeKind.GLOBAL_DAY, "2026-09-01");
        ScopeId newDay = new ScopeId(ScopeKind.GLOBAL_DAY, "2026-11-23");
        List<LedgerEvent> events = List.of(
                LedgerEvent.reserve(1, List.of(oldDay), BigDecimal.ONE),
                LedgerEvent.settle(1, BigDecimal.ONE, new Observation(KEY, 100, 100, 90)),
                LedgerEvent.reserve(2, List.of(newDay), BigDecimal.ONE),
                LedgerEvent.settle(2, BigDecimal.ONE, new Observation(KEY, 100, 100, 50)));
        List<LedgerEvent> kept = LedgerCompaction.compact(events, LedgerCompaction.keepFrom("2026-11-01", "2026-11"));
        assertThat(kept).containsExactly(events.get(2), events.get(3));
    }
}
