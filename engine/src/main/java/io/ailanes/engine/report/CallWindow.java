package io.ailanes.engine.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calls still open, to count distinct calls in bounded memory. A call's attempts (its retries and
 * fallbacks) are written to the audit as they happen, close together; the window keeps the most recently seen
 * {@link #OPEN_CALLS} call ids and, for each, which groups already counted it and whether it succeeded. A call
 * pushed out of the window is closed: were one of its attempts to come later still, it would count as a new
 * call. Below {@link #OPEN_CALLS} distinct calls in a run the counts are exact whatever the order.
 */
final class CallWindow {

    /** Call ids kept open; each costs about 200 bytes. */
    static final int OPEN_CALLS = 16_384;

    /** What the report knows of one open call. */
    static final class OpenCall {
        boolean succeeded;
        private Object[] marks = new Object[6];
        private int marked;

        /** True the first time {@code key} marks this call (a group counting it, say). */
        boolean mark(Object key) {
            for (int i = 0; i < marked; i++) {
                if (marks[i] == key) {
                    return false;
                }
            }
            if (marked == marks.length) {
                marks = java.util.Arrays.copyOf(marks, marked * 2);
            }
            marks[marked++] = key;
            return true;
        }
    }

    private final int capacity;
    private long closed;
    private final Map<String, OpenCall> open;

    CallWindow() {
        this(OPEN_CALLS);
    }

    CallWindow(int capacity) {
        this.capacity = capacity;
        this.open = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OpenCall> eldest) {
                if (size() > CallWindow.this.capacity) {
                    closed++;
                    return true;
                }
                return false;
            }
        };
    }

    /** The open call with this id, opened now if it was not. */
    OpenCall get(String callId) {
        return open.computeIfAbsent(callId, k -> new OpenCall());
    }

    /** Calls held open now (never more than the capacity). */
    int openCalls() {
        return open.size();
    }

    /** Calls pushed out of the window so far. */
    long closedCalls() {
        return closed;
    }
}
