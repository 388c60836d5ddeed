package io.ailanes.jenkins.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Steps changing the record at once, and readers that never lock. */
class AiLanesRunActionTest {

    private static final int WRITERS = 8;
    private static final int STEPS_EACH = 250;

    @Test
    void concurrentStepsEachKeepTheirRowsAndReadersOnlySeeWholeChanges() throws Exception {
        AiLanesRunAction action = new AiLanesRunAction();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger seen = new AtomicInteger();
            // A step's row and its ledger event go in as one change: a reader never finds one without the other.
            Future<?> reader = pool.submit(() -> {
                start.await();
                while (writing.get()) {
                    BuildRecord record = action.getRecord();
                    assertEquals(record.getSteps().size(), record.getLedgerEvents().size(), "half a change was seen");
                    assertTrue(record.getStepCount() >= record.getSteps().size());
                    seen.incrementAndGet();
                }
                return null;
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < STEPS_EACH; i++) {
                        int number = action.nextStep();
                        StepRow row = new StepRow("call", number, "local/chat", "0.001", "ok");
                        action.change(r -> r.withStep(row).withLedgerEvent("{\"step\":" + number + "}"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
            assertTrue(seen.get() > 0);
        } finally {
            pool.shutdownNow();
        }
        BuildRecord record = action.getRecord();
        int total = WRITERS * STEPS_EACH;
        assertEquals(total, record.getStepCount());
        assertEquals(total, record.getSteps().size(), "no row lost to another step's change");
        HashSet<Integer> numbers = new HashSet<>();
        record.getSteps().forEach(s -> numbers.add(s.getNumber()));
        assertEquals(total, numbers.size(), "each step numbered once");
        assertEquals(total, record.getLedgerEvents().size());
    }

    @Test
    void aRecordHandedOutStaysAsItWasWhenTheBuildRecordsMore() {
        AiLanesRunAction action = new AiLanesRunAction();
        action.addStep(new StepRow("plan", action.nextStep(), "local/planner", "0.02", "1 file"));
        BuildRecord before = action.getRecord();
        action.addStep(new StepRow("call", action.nextStep(), "local/chat", "0.001", "ok"));
        action.addLedgerEvent("{\"e\":\"reserve\"}");
        assertEquals(1, before.getSteps().size());
        assertEquals(1, before.getStepCount());
        assertTrue(before.getLedgerEvents().isEmpty());
        assertEquals(2, action.getSteps().size());
        assertEquals(List.of(1, 2), action.getSteps().stream().map(StepRow::getNumber).toList());
    }
}
