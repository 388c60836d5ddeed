package io.ailanes.engine.simulate;

import static io.ailanes.engine.simulate.SimulationFixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.forecast.AuditFile;
import io.ailanes.engine.forecast.LeftOut;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.price.UnknownPriceException;
import io.ailanes.engine.provider.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's history compared build by build: every figure recomputed by hand from the usages written and the
 * per-million rates of catalog.json read with a plain ObjectMapper ({@link SimulationFixture}).
 */
class RoutingComparisonTest {

    @TempDir
    Path dir;

    private static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 2, RoundingMode.HALF_EVEN);
    }

    @Test
    void eachBuildAndTheTotalAgreeWithTheHandComputationAndATamperedAuditIsLeftOut() throws Exception {
        List<Attempt> full = attempts(true);
        // A smaller build: its plan and its review only.
        List<Attempt> small = full.stream().filter(a -> !a.step().equals("implement")).toList();
        Path one = write(dir.resolve("1/audit.jsonl"), full);
        Path two = write(dir.resolve("2/audit.jsonl"), small);
        Path three = write(dir.resolve("3/audit.jsonl"), full);
        String text = Files.readString(three, StandardCharsets.UTF_8);
        Files.writeString(three, text.replaceFirst("\"output\":(\\d+)", "\"output\":0"), StandardCharsets.UTF_8);
        Path empty = write(dir.resolve("4/audit.jsonl"), List.of(new Attempt("plan", "reasoning", OPUS,
                AuditOutcome.FAILED, Usage.ZERO, "0", Map.of("premium", OPUS))));

        RoutingComparison c = RoutingComparison.compare(List.of(new AuditFile("#1", one), new AuditFile("#2", two),
                new AuditFile("#3", three), new AuditFile("#4", empty), new AuditFile("#5", dir.resolve("5/none"))),
                PriceCatalog.bundled(), "the bundled catalog");

        assertThat(c.leftOut()).extracting(LeftOut::name).containsExactly("#3", "#4", "#5");
        assertThat(c.leftOut().get(0).reason()).startsWith("does not verify: line 1 was edited");
        assertThat(c.leftOut().get(1).reason()).isEqualTo("records no billed model call");
        assertThat(c.leftOut().get(2).reason()).isEqualTo("no such file");

        List<Attempt> both = new ArrayList<>(full);
        both.addAll(small);
        Map<String, BigDecimal> candidates = new LinkedHashMap<>();
        for (String m : List.of(OPUS, DEEPSEEK, GPT5)) {
            candidates.put(m, handTotal(both, a -> m, a -> true));
        }
        String cheapest = candidates.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();

        assertThat(c.builds()).extracting(RoutingComparison.Build::name).containsExactly("#1", "#2");
        BigDecimal paidAll = BigDecimal.ZERO;
        BigDecimal premiumAll = BigDecimal.ZERO;
        BigDecimal cheapAll = BigDecimal.ZERO;
        for (int i = 0; i < 2; i++) {
            List<Attempt> attempts = i == 0 ? full : small;
            RoutingComparison.Build b = c.builds().get(i);
            BigDecimal paid = paid(attempts, a -> true);
            BigDecimal premium = handTotal(attempts, a -> OPUS, a -> true);
            BigDecimal cheap = handTotal(attempts, a -> cheapest, a -> true);
            assertThat(b.paidUsd()).isEqualByComparingTo(paid);
            assertThat(b.premiumUsd()).isEqualByComparingTo(premium);
            assertThat(b.cheapUsd()).isEqualByComparingTo(cheap);
            assertThat(b.savingUsd()).isEqualByComparingTo(premium.subtract(paid));
            assertThat(b.savingPercent()).isEqualByComparingTo(percent(premium.subtract(paid), premium));
            assertThat(b.premiumNotes()).contains("tokens");
            paidAll = paidAll.add(paid);
            premiumAll = premiumAll.add(premium);
            cheapAll = cheapAll.add(cheap);
        }
        assertThat(c.total().paidUsd()).isEqualByComparingTo(paidAll);
        assertThat(c.premium().spec()).isEqualTo("all-premium=" + OPUS);
        assertThat(c.premium().totalUsd()).isEqualByComparingTo(premiumAll);
        assertThat(c.cheap().spec()).isEqualTo("all-cheap=" + cheapest);
        assertThat(c.cheap().totalUsd()).isEqualByComparingTo(cheapAll);
        assertThat(c.savingUsd()).isEqualByComparingTo(premiumAll.subtract(paidAll));
        assertThat(c.savingPercent()).isEqualByComparingTo(percent(premiumAll.subtract(paidAll), premiumAll));
        assertThat(c.premium().assumptions()).extracting(a -> a.key()).contains("tokens", "cache");
        assertThat(c.total().unverified()).isEmpty();
    }

    @Test
    void nothingToCompareIsNoTotalAndAModelWithoutAPriceStopsTheComparison() throws Exception {
        RoutingComparison none = RoutingComparison.compare(List.of(), PriceCatalog.bundled(), "the bundled catalog");
        assertThat(none.total()).isNull();
        assertThat(none.premium()).isNull();
        assertThat(none.savingPercent()).isNull();

        Map<String, String> run = Map.of("premium", "acme/unpriced");
        Path audit = write(dir.resolve("1/audit.jsonl"), List.of(new Attempt("plan", "reasoning", OPUS,
                AuditOutcome.SUCCEEDED, new Usage(1_000, 0, 0, 0, 100, 0), "0.01", run)));
        assertThatThrownBy(() -> RoutingComparison.compare(List.of(new AuditFile("#1", audit)), PriceCatalog.bundled(),
                "the bundled catalog")).isInstanceOf(UnknownPriceException.class).hasMessageContaining("acme/unpriced");
    }
}
