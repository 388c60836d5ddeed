package io.ailanes.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the builder keeps does not grow with the number of attempts, and nothing is lost for it: cost.json still
 * lists every attempt, in order, with the same figures as a report small enough to stay in memory. No heap is
 * measured here (see {@code io.ailanes.engine.run.ReportBoundedMemoryTest} for a run under a small heap).
 */
class BoundedReportTest {

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");

    @TempDir
    Path dir;

    private static ReportCall call(int i) {
        boolean failed = i % 11 == 5;
        return new ReportCall(i + 1L, T0.plusMillis(i * 900L), "call-" + (i - (failed ? 0 : i % 11 == 6 ? 1 : 0)),
                i % 11 == 6 ? 2 : 1, i % 3 == 0 ? "plan" : "implement", i % 3 == 0 ? "reasoning" : "execution",
                i % 3 == 0 ? "anthropic/claude-opus-4-5" : "deepseek/deepseek-chat", null,
                failed ? "RETRYING" : "SUCCEEDED", failed ? Usage.ZERO : new Usage(100 + i % 7, 50, 0, 0, 20, i % 2),
                failed ? BigDecimal.ZERO : new BigDecimal("0.000" + (1 + i % 9) + "3"), 100 + i % 13,
                i % 3 == 0 ? null : 1 + i % 2, failed ? "HTTP 503 " + i : null, failed ? null : "rule " + i % 5);
    }

    @Test
    void retainedRowsDoNotGrowWithTheAttemptsAndCostJsonStillListsEveryOne() throws IOException {
        int n = 60_000;
        CostReportBuilder b = new CostReportBuilder().runInfo("big", "big", null, null);
        List<ReportCall> expected = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> succeeded = new HashSet<>();
        for (int i = 0; i < n; i++) {
            ReportCall c = call(i);
            b.add(c);
            expected.add(c);
            ids.add(c.callId());
            if (c.succeeded()) {
                succeeded.add(c.callId());
            }
        }
        CostReport report = b.build();
        try (CallTable calls = report.calls()) {
            assertThat(calls.size()).isEqualTo(n);
            assertThat(calls.inMemory()).isFalse();
            assertThat(calls.first()).hasSize(CallTable.KEEP_FIRST);
            assertThat(calls.last()).hasSize(CallTable.KEEP_LAST);
            assertThat(calls.last().get(CallTable.KEEP_LAST - 1).seq()).isEqualTo(n);
            assertThat(report.timeline().exact()).isFalse();
            assertThat(report.timeline().slices()).hasSize(2);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new CostJsonWriter().write(report, out);
            JsonNode json = Json.MAPPER.readTree(out.toByteArray());
            JsonNode rows = json.get("calls");
            assertThat(rows.size()).isEqualTo(n);
            for (int i = 0; i < n; i++) {
                JsonNode r = rows.get(i);
                ReportCall c = expected.get(i);
                assertThat(r.get("seq").asLong()).isEqualTo(c.seq());
                assertThat(r.get("callId").asText()).isEqualTo(c.callId());
                assertThat(new BigDecimal(r.get("costUsd").asText())).isEqualByComparingTo(c.costUsd());
                assertThat(r.get("errorMessage").isNull() ? null : r.get("errorMessage").asText())
                        .isEqualTo(c.errorMessage());
                assertThat(r.get("round").isNull() ? null : r.get("round").asInt()).isEqualTo(c.round());
            }
            // Retries share the call: one attempt in eleven is a retry of the one before.
            assertThat(json.at("/totals/calls").asLong()).isEqualTo(ids.size()).isLessThan(n);
            assertThat(json.at("/totals/failedCalls").asLong()).isEqualTo(ids.size() - succeeded.size());

            StringWriter html = new StringWriter();
            new HtmlReportWriter().write(report, html);
            assertThat(html.toString().length()).isLessThan(600_000);
        }
    }

    @Test
    void aSpilledReportHasTheSameFiguresAsOneInMemory() throws IOException {
        // The same attempts, once through the spill and once below it: the JSON differs only in the calls' count.
        int small = CallTable.IN_MEMORY;
        CostReportBuilder inMemory = new CostReportBuilder().runInfo("r", "r", null, null);
        CostReportBuilder spilled = new CostReportBuilder().runInfo("r", "r", null, null);
        for (int i = 0; i < small; i++) {
            inMemory.add(call(i));
            spilled.add(call(i));
        }
        CostReport a = inMemory.build();
        assertThat(a.calls().inMemory()).isTrue();
        ByteArrayOutputStream jsonA = new ByteArrayOutputStream();
        new CostJsonWriter().write(a, jsonA);
        // One more attempt tips the second table into its file; compare everything but that attempt.
        spilled.add(call(small));
        CostReport b = spilled.build();
        assertThat(b.calls().inMemory()).isFalse();
        Path file = dir.resolve("cost.json");
        new CostJsonWriter().write(b, file);
        JsonNode callsA = Json.MAPPER.readTree(jsonA.toByteArray()).get("calls");
        JsonNode callsB = Json.MAPPER.readTree(Files.readAllBytes(file)).get("calls");
        assertThat(callsB.size()).isEqualTo(small + 1);
        for (int i = 0; i < small; i++) {
            assertThat(callsB.get(i)).isEqualTo(callsA.get(i));
        }
        b.calls().close();
    }

    @Test
    void theWindowOfOpenCallsIsBoundedAndExactWithinIt() {
        CallWindow window = new CallWindow(100);
        java.util.Map<String, CallWindow.OpenCall> opened = new java.util.HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            opened.put("c" + i, window.get("c" + i));
            // A retry 30 calls later (60 call ids seen since) is still the same open call.
            String retried = "c" + Math.max(0, i - 30);
            assertThat(window.get(retried)).isSameAs(opened.get(retried));
            assertThat(window.openCalls()).isLessThanOrEqualTo(100);
        }
        assertThat(window.closedCalls()).isEqualTo(10_000 - 100);
    }

    @Test
    void theTimelineKeepsBoundedSlicesAndShowsOutliersAndFailures() {
        Timeline t = new Timeline();
        t.frame(0L, 1_000_000L);
        for (int i = 0; i < 100_000; i++) {
            t.add(i * 10L, 0.001, "execution", true);
        }
        t.add(500_000L, 9.0, "execution", false); // one dear failure in the middle
        t.add(2_500_000L, 0.001, "reasoning", true); // after the run's end: the span doubles, twice
        assertThat(t.exact()).isFalse();
        assertThat(t.count()).isEqualTo(100_002);
        assertThat(t.axisStart()).isZero();
        assertThat(t.axisEnd()).isEqualTo(4_000_000L);
        Timeline.Slice[] execution = t.slices().get("execution");
        assertThat(execution).hasSize(Timeline.SLICES);
        long counted = 0;
        double dearest = 0;
        long failed = 0;
        for (Timeline.Slice s : execution) {
            if (s != null) {
                counted += s.count;
                dearest = Math.max(dearest, s.max);
                failed += s.failed;
            }
        }
        assertThat(counted).isEqualTo(100_001);
        assertThat(dearest).isEqualTo(9.0);
        assertThat(failed).isEqualTo(1);
        // The dear failure's slice: 500,000 of 4,000,000 is slice 50.
        assertThat(execution[50].max).isEqualTo(9.0);
        assertThat(execution[50].failed).isEqualTo(1);
    }
}
