package io.ailanes.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditLog;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.report.CostReport;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report from an audit alone: the premium model is read from the first line when it names it (one read), and
 * found further down otherwise (an audit whose first run had no reasoning lane), so the comparison is never lost.
 */
class AuditReportsTest {

    @TempDir
    Path dir;

    private Path audit(boolean premiumOnFirstLine) throws Exception {
        Path file = dir.resolve(premiumOnFirstLine + "-audit.jsonl");
        Map<String, String> premium = Map.of(AuditReports.PREMIUM, "anthropic/claude-opus-4-5");
        try (AuditLog log = AuditLog.open(file, AuditMode.HASHES, Redactor.PATTERNS_ONLY)) {
            log.append(AuditEntry.builder().runId("r1").callId("c1").attempt(1).step("call").lane("execution")
                    .provider("deepseek").model("deepseek-chat").outcome(AuditOutcome.SUCCEEDED)
                    .usage(new Usage(1_000, 0, 0, 0, 100, 0)).costUsd(new BigDecimal("0.0003")).latencyMs(10)
                    .attributes(premiumOnFirstLine ? premium : Map.of()).build());
            log.append(AuditEntry.builder().runId("r1").callId("c2").attempt(1).step("plan").lane("reasoning")
                    .provider("anthropic").model("claude-opus-4-5").outcome(AuditOutcome.SUCCEEDED)
                    .usage(new Usage(2_000, 0, 0, 0, 300, 0)).costUsd(new BigDecimal("0.0175")).latencyMs(10)
                    .attributes(premium).build());
        }
        return file;
    }

    @Test
    void thePremiumModelIsFoundOnTheFirstLineOrFurtherDown() throws Exception {
        PriceCatalog catalog = PriceCatalog.bundled();
        CostReport first = AuditReports.build(audit(true), catalog, null, "t");
        CostReport later = AuditReports.build(audit(false), catalog, null, "t");

        assertThat(first.counterfactual()).isNotNull();
        assertThat(later.counterfactual()).isNotNull();
        assertThat(later.counterfactual().premiumModel()).isEqualTo(first.counterfactual().premiumModel())
                .isEqualTo("anthropic/claude-opus-4-5");
        assertThat(later.counterfactual().premiumUsd()).isEqualByComparingTo(first.counterfactual().premiumUsd());
        assertThat(first.totals().calls()).isEqualTo(2);
        assertThat(first.run().runId()).isEqualTo("r1");
        assertThat(first.run().startedAt()).isNotNull();
    }
}
