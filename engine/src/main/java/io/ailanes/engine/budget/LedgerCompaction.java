package io.ailanes.engine.budget;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Drops settled history from a ledger journal that no cap can still be reached through: a long-lived host (a
 * Jenkins controller) appends every reservation of every build to one journal, and replays it whole on start.
 *
 * <p>A reservation is dropped, with the event that closed it, only when it is closed and the caller says none of
 * its scopes matters any more (typically: its global day and job month are over). Open reservations and everything
 * else stay, in their order, with their ids, so replaying the compacted journal gives every kept scope exactly the
 * state it had.
 */
public final class LedgerCompaction {

    private LedgerCompaction() {}

    /**
     * @param keep whether a closed reservation's scope chain still matters
     * @return the events to keep, in order
     */
    public static List<LedgerEvent> compact(List<LedgerEvent> events, Predicate<List<ScopeId>> keep) {
        Map<Long, List<ScopeId>> chains = new HashMap<>();
        Set<Long> closed = new HashSet<>();
        for (LedgerEvent event : events) {
            if (event.type() == LedgerEvent.Type.RESERVE) {
                chains.put(event.id(), event.chain());
            } else {
                closed.add(event.id());
            }
        }
        Set<Long> dropped = new HashSet<>();
        chains.forEach((id, chain) -> {
            if (closed.contains(id) && !keep.test(chain)) {
                dropped.add(id);
            }
        });
        List<LedgerEvent> kept = new ArrayList<>(events.size() - 2 * dropped.size());
        for (LedgerEvent event : events) {
            if (!dropped.contains(event.id())) {
                kept.add(event);
            }
        }
        return kept;
    }

    /**
     * Compacts a journal file in place (written beside it, then moved over it atomically). Call it before the file is
     * opened: it must not be in use.
     *
     * @return how many events were dropped
     * @throws IllegalStateException when the file holds a damaged line (it is left as it is)
     */
    public static int compact(Path journal, Predicate<List<ScopeId>> keep) throws IOException {
        if (!Files.exists(journal)) {
            return 0;
        }
        LedgerEventCodec codec = new LedgerEventCodec();
        List<LedgerEvent> events = new ArrayList<>();
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            LedgerEvent event = codec.decode(line);
            if (event == null) {
                if (i == lines.size() - 1) {
                    continue; // a torn last line: the store's load reports it; it holds no complete event
                }
                throw new IllegalStateException("budget ledger " + journal + " is damaged at line " + (i + 1)
                        + "; not compacting it");
            }
            events.add(event);
        }
        List<LedgerEvent> kept = compact(events, keep);
        if (kept.size() == events.size()) {
            return 0;
        }
        StringBuilder text = new StringBuilder();
        kept.forEach(event -> text.append(codec.encode(event)).append('\n'));
        Path temp = journal.resolveSibling(journal.getFileName() + ".compacting");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, journal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return events.size() - kept.size();
    }

    /**
     * The usual rule: a closed reservation matters while its global day or job month is not before the given
     * day's or month's key (UTC, as {@link ScopeId} writes them), and always when its chain has neither.
     *
     * @param firstDay e.g. {@code 2026-07-01}: reservations of earlier days may go
     * @param firstMonth e.g. {@code 2026-07}: reservations of earlier months may go
     */
    public static Predicate<List<ScopeId>> keepFrom(String firstDay, String firstMonth) {
        return chain -> {
            boolean dated = false;
            for (ScopeId scope : chain) {
                if (scope.kind() == ScopeKind.GLOBAL_DAY) {
                    dated = true;
                    if (scope.key().compareTo(firstDay) >= 0) {
                        return true;
                    }
                } else if (scope.kind() == ScopeKind.JOB_MONTH) {
                    dated = true;
                    int at = scope.key().lastIndexOf('@');
                    if (scope.key().substring(at + 1).compareTo(firstMonth) >= 0) {
                        return true;
                    }
                }
            }
            return !dated;
        };
    }
}
