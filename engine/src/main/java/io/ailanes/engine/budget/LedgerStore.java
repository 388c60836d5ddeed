package io.ailanes.engine.budget;

import java.util.List;

/**
 * Where a {@link BudgetLedger} keeps its journal. The ledger calls {@link #load()} once when it starts and
 * {@link #append} for every event, in order, while holding its lock (so the journal order is the order of
 * the state changes). An append that throws leaves the ledger's state unchanged: the call is refused.
 */
public interface LedgerStore {

    /** The persisted events in append order, and anything worth telling the user about them. */
    Loaded load();

    void append(LedgerEvent event);

    /**
     * @param events replayable events, in order
     * @param warnings e.g. a torn last line from a crash that was ignored
     */
    record Loaded(List<LedgerEvent> events, List<String> warnings) {
        public Loaded {
            events = List.copyOf(events);
            warnings = List.copyOf(warnings);
        }
    }
}
