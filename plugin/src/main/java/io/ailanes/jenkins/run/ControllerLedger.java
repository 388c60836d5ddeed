package io.ailanes.jenkins.run;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import hudson.model.Run;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.budget.BudgetLedger;
import io.ailanes.engine.budget.FileLedgerStore;
import io.ailanes.engine.budget.LedgerCompaction;
import io.ailanes.engine.budget.LedgerEvent;
import io.ailanes.engine.budget.LedgerEventCodec;
import io.ailanes.engine.budget.LedgerStore;
import io.ailanes.engine.budget.Reservation;
import io.ailanes.engine.budget.ScopeId;
import io.ailanes.engine.budget.ScopeKind;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.Console;
import io.ailanes.jenkins.action.AiLanesRunAction;
import io.ailanes.jenkins.config.AiLanesGlobalConfiguration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * Opens the ledger when Jenkins starts, not when the first AI step runs: reservations a stop left open are counted
     * as spent at once (so caps hold from the first build), and each goes into its own build's audit and reports.
     */
    @Initializer(after = InitMilestone.JOB_CONFIG_ADAPTED)
    public static void recoverOnStart() {
        ControllerLedger controller = get();
        BudgetLedger opened = controller.ledger();
        controller.recordInterrupted(opened.unsettledAfterCrash());
    }

    /** Puts each interrupted call into the audit, reports and page of the build it belongs to, when that still exists. */
    private void recordInterrupted(List<Reservation> interrupted) {
        Map<String, List<Reservation>> byRun = new LinkedHashMap<>();
        for (Reservation held : interrupted) {
            held.chain().stream().filter(scope -> scope.kind() == ScopeKind.BUILD && !scope.key().contains("/"))
                    .findFirst().ifPresent(build -> byRun.computeIfAbsent(build.key(), k -> new ArrayList<>()).add(held));
        }
        LedgerEventCodec codec = new LedgerEventCodec();
        byRun.forEach((runId, held) -> {
            Run<?, ?> run = Run.fromExternalizableId(runId);
            if (run == null) {
                LOGGER.info(() -> "AI Lanes: " + held.size() + " interrupted call(s) of " + runId
                        + ", which no longer exists, counted as spent in the controller's ledger only");
                return;
            }
            try {
                AiLanesRunAction action = AiLanesRunAction.of(run);
                held.forEach(h -> action.addLedgerEvent(codec.encode(LedgerEvent.recover(h.id(), h.amount()))));
                AiLanesGlobalConfiguration settings = AiLanesGlobalConfiguration.get();
                Path buildDir = new File(run.getRootDir(), AiLanesRunAction.DIR).toPath();
                try (AiRun engine = AiRun.open(settings.toConfig(), settings.configFile(), new JenkinsSecrets(null),
                        new AiRun.Options(runId, run.getParent().getFullName(), buildDir, null, AuditMode.HASHES, null,
                                Console.NONE, Clock.systemUTC(), JenkinsProxy.settings()), ledger())) {
                    held.forEach(engine::recordInterrupted);
                    action.update(engine.writeReports(run.getFullDisplayName()));
                }
                run.save();
                LOGGER.info(() -> "AI Lanes: " + held.size() + " call(s) of " + runId
                        + " were in flight when Jenkins stopped; counted as spent and added to the build's audit");
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "AI Lanes: cannot add the interrupted calls of " + runId + " to its audit", e);
            }
        });
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

    /**
     * Releases the journal's file lock, so a restarted Jenkins in the same process can open it again; then the runs
     * still open let go of their audit logs. In that order: a call cut off by the stop can no longer settle, so its
     * reservation stays open in the journal and counts as spent on the next start.
     */
    @Terminator
    public synchronized void close() {
        if (journal != null) {
            journal.close();
            journal = null;
            ledger = null;
        }
        BuildSessions.get().closeAll();
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
