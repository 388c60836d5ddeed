package io.ailanes.jenkins.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ailanes.engine.forecast.Estimate;
import io.ailanes.engine.forecast.Forecast;
import io.ailanes.engine.forecast.LeftOut;
import io.ailanes.jenkins.action.JobForecast;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code withAiBudget} writes to the log for each kind of forecast (no Jenkins needed). */
class WithAiBudgetForecastLinesTest {

    private static JobForecast.Result forecast(Estimate total, LeftOut... leftOut) {
        return new JobForecast.Result(new Forecast(total, Map.of(), Map.of(), List.of(), List.of(leftOut),
                LocalDate.parse("2026-07-24")), null);
    }

    @Test
    void belowP95IsAWarningNamingBothFigures() {
        List<String> lines = WithAiBudgetStep.Execution.forecastLines(
                forecast(new Estimate(24, new BigDecimal("0.41"), new BigDecimal("1.2"))), new BigDecimal("0.5"));
        assertEquals(1, lines.size());
        assertEquals("[ai-lanes] warning: withAiBudget $0.50 is below this job's p95 of $1.20 per build (p50 $0.41, from"
                + " 24 builds at today's prices): about 1 build in 20 has cost more, and calls that do not fit the cap"
                + " are refused", lines.get(0));
    }

    @Test
    void atOrAboveP95IsOnePlainLine() {
        assertEquals(List.of("[ai-lanes] withAiBudget: the cap is at or above this job's p95 of $1.20 per build (24 builds)"),
                WithAiBudgetStep.Execution.forecastLines(
                        forecast(new Estimate(24, new BigDecimal("0.41"), new BigDecimal("1.2"))), new BigDecimal("1.2")));
    }

    @Test
    void tooLittleHistoryAndLeftOutAuditsAreSaid() {
        assertEquals(List.of("[ai-lanes] withAiBudget: the forecast left out build #3: does not verify: line 1 was edited",
                        "[ai-lanes] withAiBudget: no p95 to check the cap against: not enough history: 7 builds, need 20"),
                WithAiBudgetStep.Execution.forecastLines(forecast(new Estimate(7, new BigDecimal("0.4"), null),
                        new LeftOut("#3", "does not verify: line 1 was edited")), BigDecimal.ONE));
    }

    @Test
    void noForecastSaysWhy() {
        assertEquals(List.of("[ai-lanes] withAiBudget: no forecast from the previous builds: no price for \"x/y\""),
                WithAiBudgetStep.Execution.forecastLines(new JobForecast.Result(null, "no price for \"x/y\""),
                        BigDecimal.ONE));
    }
}
