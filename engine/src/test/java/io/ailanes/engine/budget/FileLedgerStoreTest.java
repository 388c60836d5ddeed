package io.ailanes.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLedgerStoreTest {

    private static final Clock NOV_5 = Clock.fixed(Instant.parse("2026-11-05T10:00:00Z"), ZoneOffset.UTC);
    private static final ScopeId MONTH = ScopeId.jobMonth("myjob", NOV_5);
    private static final ScopeId DAY = ScopeId.globalDay(NOV_5);

    @TempDir
    Path dir;

    private static List<ScopeId> chain(long build, String call) {
        return List.of(ScopeId.call(call), ScopeId.build("myjob", build), MONTH, DAY);
    }

    @Test
    void aCrashedRunsOpenReservationsCountAsSpentAndATornLastLineIsIgnored() throws IOException {
        Path file = dir.resolve("ledger.jsonl");
        Reservation open;
        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            BudgetLedger run = new BudgetLedger(store);
            run.settle(run.reserve(chain(41, "a"), new BigDecimal("0.50")), new BigDecimal("0.30"));
            run.release(run.reserve(chain(41, "b"), new BigDecimal("0.20")));
            open = run.reserve(chain(41, "c"), new BigDecimal("0.40"));
            // The process dies while writing the settle of "c": half a line, no newline.
            String settle = new LedgerEventCodec().encode(LedgerEvent.settle(open.id(), new BigDecimal("0.10")));
            Files.writeString(file, settle.substring(0, settle.length() / 2), StandardOpenOption.APPEND);
        }

        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            BudgetLedger next = new BudgetLedger(store);

            assertThat(next.warnings()).containsExactly(
                    "budget ledger " + file + ": ignored a torn last line 6 (a crash while writing);"
                            + " the event it held is treated conservatively",
                    "reservation 3 unsettled after crash: counted as spent $0.40 in call \"c\", build \"myjob#41\","
                            + " job month \"myjob@2026-11\", global day \"2026-11-05\"");
            assertThat(next.unsettledAfterCrash()).extracting(Reservation::id, Reservation::amount)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, new BigDecimal("0.40")));
            ScopeState month = next.state(MONTH);
            assertThat(month.settled()).isEqualByComparingTo("0.70");
            assertThat(month.unsettledAfterCrash()).isEqualByComparingTo("0.40");
            assertThat(month.reserved()).isEqualByComparingTo("0");
            assertThat(month.openReservations()).isZero();
            assertThat(next.openReservations()).isEmpty();
            // New ids continue after the journal's, so nothing collides with the crashed run's.
            assertThat(next.reserve(chain(42, "d"), BigDecimal.ONE).id()).isEqualTo(4);
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(7).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        assertThat(lines.get(5)).isEqualTo("{\"e\":\"recover\",\"id\":3,\"usd\":\"0.40\"}");

        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            BudgetLedger third = new BudgetLedger(store);
            // The crash was reported once and recorded; reservation 4 is the second run's own crash.
            assertThat(third.warnings()).containsExactly("reservation 4 unsettled after crash: counted as spent"
                    + " $1.00 in call \"d\", build \"myjob#42\", job month \"myjob@2026-11\", global day \"2026-11-05\"");
            assertThat(third.state(MONTH).settled()).isEqualByComparingTo("1.70");
            assertThat(third.state(MONTH).unsettledAfterCrash()).isEqualByComparingTo("1.40");
            assertThat(third.state(ScopeId.build("myjob", 41)).settled()).isEqualByComparingTo("0.70");
        }
    }

    @Test
    void aNewLedgerRemembersLastRunsJobMonthSpendAndRefuses() {
        Path file = dir.resolve("runs/ledger.jsonl");
        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            BudgetLedger first = new BudgetLedger(store);
            first.setCap(MONTH, new BigDecimal("10.00"));
            first.settle(first.reserveFitting(chain(41, "a"), new BigDecimal("1.00"), new BigDecimal("0.001"), 8000, 100),
                    new BigDecimal("9.20"));
        }

        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            BudgetLedger second = new BudgetLedger(store);
            second.setCap(MONTH, new BigDecimal("10.00"));
            second.setCap(ScopeId.build("myjob", 42), new BigDecimal("5.00"));

            assertThat(second.warnings()).isEmpty();
            assertThatThrownBy(() -> second.reserveFitting(chain(42, "a"), new BigDecimal("0.50"),
                    new BigDecimal("0.001"), 4000, 500))
                    .isInstanceOf(BudgetExceededException.class)
                    .hasMessage("budget refused: job month \"myjob@2026-11\" cap $10.00, spent $9.20"
                            + " (reserved $0.00 more), call needs at least $1.00 (input $0.50 + 500 output tokens $0.50)");
            Reservation lowered = second.reserveFitting(chain(42, "b"), new BigDecimal("0.30"),
                    new BigDecimal("0.001"), 4000, 200);
            assertThat(lowered.outputTokens()).isEqualTo(500);
            assertThat(lowered.loweredReason()).isEqualTo(
                    "lowered from 4000 to 500 output tokens to fit job month \"myjob@2026-11\" (headroom $0.80)");
        }
    }

    @Test
    void aDamagedLineBeforeTheEndRefusesToGuess() throws IOException {
        Path file = dir.resolve("ledger.jsonl");
        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            BudgetLedger ledger = new BudgetLedger(store);
            ledger.reserve(chain(1, "a"), BigDecimal.ONE);
        }
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of("{\"e\":\"reserve\",\"id\":", lines.get(0)));

        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            assertThatThrownBy(() -> new BudgetLedger(store))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("budget ledger " + file + " is damaged at line 1; refusing to guess the spend"
                            + " (restore or remove the file)");
        }
    }

    @Test
    void aSettleWithoutItsReservationRefusesToGuess() throws IOException {
        Path file = dir.resolve("ledger.jsonl");
        Files.writeString(file, "{\"e\":\"settle\",\"id\":9,\"usd\":\"0.10\"}\n");

        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            assertThatThrownBy(() -> new BudgetLedger(store))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("budget journal closes reservation 9 that is not open; refusing to guess the spend");
        }
    }

    @Test
    void oneRunOwnsTheFileAtATime() {
        Path file = dir.resolve("ledger.jsonl");
        try (FileLedgerStore store = FileLedgerStore.open(file)) {
            assertThat(store.file()).isEqualTo(file);
            assertThatThrownBy(() -> FileLedgerStore.open(file))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("budget ledger " + file + " is in use by another run");
        }
        try (FileLedgerStore again = FileLedgerStore.open(file)) {
            assertThat(again.load().events()).isEmpty();
            assertThatThrownBy(again::load).hasMessage("budget ledger " + file + " was already loaded");
        }
    }

    @Test
    void eventsRoundTripExactly() {
        LedgerEventCodec codec = new LedgerEventCodec();
        List<LedgerEvent> events = List.of(
                LedgerEvent.reserve(7, List.of(ScopeId.call("x \"quoted\"\n"), MONTH), new BigDecimal("0.000000375")),
                LedgerEvent.settle(7, new BigDecimal("1E-9")),
                LedgerEvent.release(8),
                LedgerEvent.recover(9, new BigDecimal("12.50")));

        for (LedgerEvent event : events) {
            String line = codec.encode(event);
            assertThat(line).doesNotContain("\n");
            assertThat(codec.decode(line)).isEqualTo(event);
        }
        assertThat(codec.encode(events.get(0))).isEqualTo("{\"e\":\"reserve\",\"id\":7,\"chain\":[[\"CALL\","
                + "\"x \\\"quoted\\\"\\n\"],[\"JOB_MONTH\",\"myjob@2026-11\"]],\"usd\":\"0.000000375\"}");
        assertThat(codec.decode("{\"e\":\"bogus\",\"id\":1,\"usd\":\"1\"}")).isNull();
        assertThat(codec.decode("{\"e\":\"settle\",\"id\":1,\"usd\":1}")).isNull();
        assertThat(codec.decode("{\"e\":\"reserve\",\"id\":1,\"usd\":\"1\"}")).isNull();
    }
}
