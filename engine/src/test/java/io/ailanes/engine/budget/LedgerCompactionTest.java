package io.ailanes.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compacting a long-lived journal keeps the state of every scope that still matters, exactly. */
class LedgerCompactionTest {

    @TempDir
    Path dir;

    private static List<ScopeId> chain(String build, String month, String day) {
        return List.of(ScopeId.build(build), new ScopeId(ScopeKind.JOB_MONTH, "job@" + month),
                new ScopeId(ScopeKind.GLOBAL_DAY, day));
    }

    @Test
    void closedHistoryOfPastDaysAndMonthsGoesAndEverythingElseReplaysTheSame() throws Exception {
        Path journal = dir.resolve("ledger.jsonl");
        try (FileLedgerStore store = FileLedgerStore.open(journal)) {
            BudgetLedger ledger = new BudgetLedger(store);
            ledger.settle(ledger.reserve(chain("job#1", "2026-05", "2026-05-31"), new BigDecimal("2")), new BigDecimal("1.5"));
            ledger.release(ledger.reserve(chain("job#2", "2026-06", "2026-06-30"), new BigDecimal("3")));
            ledger.settle(ledger.reserve(chain("job#3", "2026-07", "2026-07-02"), new BigDecimal("4")), new BigDecimal("0.25"));
            ledger.reserve(chain("job#4", "2026-04", "2026-04-01"), new BigDecimal("5")); // left open: a crash
            ledger.settle(ledger.reserve(List.of(ScopeId.build("job#5")), new BigDecimal("1")), new BigDecimal("1"));
        }

        int dropped = LedgerCompaction.compact(journal, LedgerCompaction.keepFrom("2026-07-01", "2026-07"));

        assertThat(dropped).isEqualTo(4);
        try (FileLedgerStore store = FileLedgerStore.open(journal)) {
            BudgetLedger replayed = new BudgetLedger(store);
            assertThat(replayed.state(new ScopeId(ScopeKind.JOB_MONTH, "job@2026-07")).settled()).isEqualByComparingTo("0.25");
            assertThat(replayed.state(ScopeId.build("job#5")).settled()).isEqualByComparingTo("1");
            assertThat(replayed.state(ScopeId.build("job#1")).settled()).isEqualByComparingTo("0");
            // the open reservation stays and is recovered as spent, as it would have been without compaction
            assertThat(replayed.unsettledAfterCrash()).hasSize(1);
            assertThat(replayed.state(ScopeId.build("job#4")).settled()).isEqualByComparingTo("5");
        }
        assertThat(Files.readAllLines(journal)).hasSize(6); // job#3 ×2, job#4 reserve + recover, job#5 ×2
    }

    @Test
    void aJournalWithNothingToDropIsLeftAlone() throws Exception {
        Path journal = dir.resolve("ledger.jsonl");
        try (FileLedgerStore store = FileLedgerStore.open(journal)) {
            BudgetLedger ledger = new BudgetLedger(store);
            ledger.settle(ledger.reserve(chain("job#1", "2026-07", "2026-07-05"), BigDecimal.ONE), BigDecimal.ONE);
        }
        long modified = Files.getLastModifiedTime(journal).toMillis();

        assertThat(LedgerCompaction.compact(journal, LedgerCompaction.keepFrom("2026-07-01", "2026-07"))).isZero();
        assertThat(Files.getLastModifiedTime(journal).toMillis()).isEqualTo(modified);
        assertThat(LedgerCompaction.compact(dir.resolve("missing.jsonl"), chain -> true)).isZero();
    }
}
