package io.ailanes.engine.budget;

import java.util.ArrayList;
import java.util.List;

/** A journal in memory: for tests, and for hosts whose scopes all end with the process. */
public final class InMemoryLedgerStore implements LedgerStore {

    private final List<LedgerEvent> events = new ArrayList<>();

    @Override
    public synchronized Loaded load() {
        return new Loaded(events, List.of());
    }

    @Override
    public synchronized void append(LedgerEvent event) {
        events.add(event);
    }

    /** A copy of everything appended so far. */
    public synchronized List<LedgerEvent> events() {
        return List.copyOf(events);
    }
}
