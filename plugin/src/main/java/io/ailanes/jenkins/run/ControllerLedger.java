package io.ailanes.jenkins.run;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import io.ailanes.engine.budget.BudgetLedger;
import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.budget.LedgerCompaction;
import io.ailanes.engine.budget.LedgerEvent;
import io.ailanes.engine.budget.LedgerEventCodec;
import io.ailanes.engine.budget.LedgerStore;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.ScopeKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The controller's one budget ledger: every build, every parallel branch, reserves against it, so job-month and
 * global-day caps hold across concurrent builds (reservations are atomic under the ledger's lock). Its journal is
 * {@code $JENKINS_HOME/ai-lanes/ledger.jsonl}, replayed on start, so spend survives a restart; reservations left
 * open by a crash count as spent. History older than the previous month is compacted away on start.
 *
 * <p>While a build runs, the events of its reservations are also handed to its AI Lanes build action, which keeps
 * them with the build: the build's own ledger, shown on its page and kept after the controller journal is compacted.
 */
@Extension
public final class ControllerLedger {

    private static final Logger LOGGER = Logger.getLogger(ControllerLedger.class.getName());

    private final Map<String, Consumer<String>> recorders = new ConcurrentHashMap<>();
    /** Which build a reservation belongs to, from its reserve event to the event that closes it. */
    private final Map<Long, String> owners = new ConcurrentHashMap<>();
    private FileLedgerStore journal;
    private BudgetLedger ledger;

    public static ControllerLedger get() {
        return ExtensionList.lookupSingleton(ControllerLedger.class);
    }

    /** The ledger, opened (and its journal compacted and replayed) on first use. */
    public synchronized BudgetLedger ledger() {
        if (ledger == null) {
            Path file = journalFile();
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            try {
                int dropped = LedgerCompaction.compact(file, LedgerCompaction.keepFrom(today.minusDays(1).toString(),
                        YearMonth.from(today).minusMonths(1).toString()));
                if (dropped > 0) {
                    LOGGER.info(() -> "AI Lanes budget ledger: compacted " + dropped + " events of past months");
                }
            } catch (IOException | IllegalStateException e) {
                LOGGER.log(Level.WARNING, "AI Lanes budget ledger " + file + " not compacted", e);
            }
            journal = FileLedgerStore.open(file);
            ledger = new BudgetLedger(new Recording(journal));
            ledger.warnings().forEach(warning -> LOGGER.warning(() -> "AI Lanes budget ledger: " + warning));
        }
        return ledger;
    }

    static Path journalFile() {
        return Jenkins.get().getRootDir().toPath().resolve("ai-lanes").resolve("ledger.jsonl");
    }

    /** Hands the events of the build's reservations to {@code sink} (one JSON line each) until {@link #stop}. */
    void record(String runId, Consumer<String> sink) {
        recorders.put(runId, sink);
    }

    void stop(String runId) {
        recorders.remove(runId);
    }

    /** Releases the journal's file lock, so a restarted Jenkins in the same process can open it again. */
    @Terminator
    public synchronized void close() {
        if (journal != null) {
            journal.close();
            journal = null;
            ledger = null;
        }
    }

    /** The journal file, plus a copy of each event to the running build it belongs to. */
    private final class Recording implements LedgerStore {

        private final FileLedgerStore file;
        private final LedgerEventCodec codec = new LedgerEventCodec();

        Recording(FileLedgerStore file) {
            this.file = file;
        }

        @Override
        public Loaded load() {
            return file.load();
        }

        @Override
        public void append(LedgerEvent event) {
            file.append(event);
            String owner = event.type() == LedgerEvent.Type.RESERVE ? owner(event.chain()) : owners.remove(event.id());
            if (owner == null) {
                return;
            }
            if (event.type() == LedgerEvent.Type.RESERVE) {
                owners.put(event.id(), owner);
            }
            Consumer<String> sink = recorders.get(owner);
            if (sink != null) {
                sink.accept(codec.encode(event));
            }
        }

        private String owner(List<ScopeId> chain) {
            for (ScopeId scope : chain) {
                if (scope.kind() == ScopeKind.BUILD && recorders.containsKey(scope.key())) {
                    return scope.key();
                }
            }
            return null;
        }
    }
}
