package io.ailanes.engine.gate;

import java.util.List;

/**
 * Test counts read from JUnit XML reports.
 *
 * @param tests test cases run
 * @param failures failed assertions
 * @param errors unexpected errors
 * @param skipped skipped tests
 * @param failing the names (class.method) and messages of failing tests, at most a few dozen
 */
public record JUnitCounts(int tests, int failures, int errors, int skipped, List<String> failing) implements java.io.Serializable {

    public static final JUnitCounts NONE = new JUnitCounts(0, 0, 0, 0, List.of());

    public JUnitCounts {
        failing = List.copyOf(failing);
    }

    public int passed() {
        return Math.max(0, tests - failures - errors - skipped);
    }
}
