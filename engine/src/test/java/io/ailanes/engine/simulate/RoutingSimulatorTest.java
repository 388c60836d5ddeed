package io.ailanes.engine.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.ailanes.engine.simulate.SimulationFixture.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditLog;
import io.ailanes.engine.audit.AuditMode;
import io.ailanes.engine.audit.AuditOutcome;
import io.ailanes.engine.price.PriceCatalog;
import io.ailanes.engine.price.UnknownPriceException;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.redact.Redactor;
import io.ailanes.engine.report.WhatIf;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every simulated figure is recomputed here by hand: the token counts this test wrote into the audit, times
 * the per-million rates read straight from the bundled catalog.json with a plain ObjectMapper (not through
 * PriceCatalog or CostCalculator), with the documented rules (no cache-read rate: input; no cache-write price:
 * input; no reasoning rate: output).
 */
class RoutingSimulatorTest {


    @TempDir
    Path dir;

    private WhatIf simulate(Path audit, String... specs) throws Exception {
        List<Alternative> alternatives = new ArrayList<>();
        for (String spec : specs) {
            alternatives.add(Alternative.parse(spec));
        }
        return RoutingSimulator.load(List.of(audit)).simulate(alternatives, PriceCatalog.bundled(), "the bundled catalog",
                List.of());
    }

    @Test
    void allPremiumAndAllCheapEqualTheHandComputation() throws Exception {
        List<Attempt> attempts = attempts(true);
        Path audit = write(dir.resolve("b1/audit.jsonl"), attempts);

        WhatIf w = simulate(audit, "all-premium", "all-cheap", "all-cheap=openai/gpt-5-nano");

        BigDecimal paid = paid(attempts, a -> true);
        assertThat(paid).isEqualByComparingTo("0.4197");
        assertThat(w.paidUsd()).isEqualByComparingTo(paid);
        assertThat(w.attempts()).isEqualTo(5); // the 503 was not billed
        assertThat(w.paidPrices()).isEqualTo("2026-01-15");
        assertThat(w.catalogDate()).isEqualTo(CATALOG.path("date").asText());
        assertThat(w.asRoutedUsd()).isEqualByComparingTo(handTotal(attempts, Attempt::model, a -> true));

        WhatIf.Alternative premium = w.alternatives().get(0);
        BigDecimal premiumTotal = handTotal(attempts, a -> OPUS, a -> true);
        assertThat(premium.spec()).isEqualTo("all-premium=" + OPUS);
        assertThat(premium.totalUsd()).isEqualByComparingTo(premiumTotal);
        assertThat(premium.differenceUsd()).isEqualByComparingTo(premiumTotal.subtract(paid));
        assertThat(premium.differencePercent()).isEqualByComparingTo(premiumTotal.subtract(paid)
                .multiply(BigDecimal.valueOf(100)).divide(paid, 2, java.math.RoundingMode.HALF_EVEN));
        for (String step : List.of("plan", "implement", "review")) {
            WhatIf.Line line = premium.byStep().stream().filter(l -> l.name().equals(step)).findFirst().orElseThrow();
            assertThat(line.paidUsd()).isEqualByComparingTo(paid(attempts, a -> a.step().equals(step)));
            assertThat(line.simulatedUsd()).isEqualByComparingTo(handTotal(attempts, a -> OPUS, a -> a.step().equals(step)));
        }
        for (String lane : List.of("reasoning", "execution", "review")) {
            WhatIf.Line line = premium.byLane().stream().filter(l -> l.name().equals(lane)).findFirst().orElseThrow();
            assertThat(line.paidUsd()).isEqualByComparingTo(paid(attempts, a -> a.lane().equals(lane)));
            assertThat(line.simulatedUsd()).isEqualByComparingTo(handTotal(attempts, a -> OPUS, a -> a.lane().equals(lane)));
        }
        // The plan ran on the premium model already: no assumption; the execution lane moved families with cache.
        assertThat(premium.byStep().stream().filter(l -> l.name().equals("plan")).findFirst().orElseThrow().notes()).isEmpty();
        assertThat(premium.byLane().stream().filter(l -> l.name().equals("execution")).findFirst().orElseThrow().notes())
                .containsExactly("tokens", "cache");

        // all-cheap: the cheapest of the models the run used, for this token mix, by hand.
        Map<String, BigDecimal> candidates = new LinkedHashMap<>();
        for (String m : List.of(OPUS, DEEPSEEK, GPT5)) {
            candidates.put(m, handTotal(attempts, a -> m, a -> true));
        }
        String cheapest = candidates.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        WhatIf.Alternative cheap = w.alternatives().get(1);
        assertThat(cheap.spec()).isEqualTo("all-cheap=" + cheapest);
        assertThat(cheap.totalUsd()).isEqualByComparingTo(candidates.get(cheapest));
        assertThat(cheap.description()).contains(OPUS, GPT5);

        // gpt-5-nano lists no reasoning rate: thinking tokens priced as output, said beside the figure.
        WhatIf.Alternative nano = w.alternatives().get(2);
        assertThat(nano.totalUsd()).isEqualByComparingTo(handTotal(attempts, a -> "openai/gpt-5-nano", a -> true));
        assertThat(nano.notes()).containsExactly("tokens", "cache", "reasoning");
        assertThat(text(nano, "reasoning")).contains("3,600 on openai/gpt-5-nano at its output rate $0.4/M", "upper bound");
        assertThat(text(nano, "cache")).contains("73,000 cache-read tokens on openai/gpt-5-nano at its cache-read rate $0.005/M",
                "7,000 cache-write tokens on openai/gpt-5-nano priced as input at $0.05/M");
        assertThat(text(nano, "tokens")).contains("Same token counts", "No per-family ratio");
    }

    @Test
    void escalationOffPricesTheEscalatedRoundOnTheOriginalLanesModelWithOrWithoutTheAttribute() throws Exception {
        for (boolean attribute : List.of(true, false)) {
            List<Attempt> attempts = attempts(attribute);
            Path audit = write(dir.resolve("esc-" + attribute + "/audit.jsonl"), attempts);

            WhatIf w = simulate(audit, "escalation=off", "escalation=on");

            BigDecimal off = handTotal(attempts, a -> "3".equals(a.attributes().get("round")) ? DEEPSEEK : a.model(),
                    a -> true);
            assertThat(w.alternatives().get(0).totalUsd()).as("attribute " + attribute).isEqualByComparingTo(off);
            assertThat(w.alternatives().get(0).notes()).contains("escalation");
            assertThat(text(w.alternatives().get(0), "escalation")).contains("1 billed attempt(s)",
                    "reasoning (from execution)");
            assertThat(w.alternatives().get(1).totalUsd()).isEqualByComparingTo(handTotal(attempts, Attempt::model, a -> true));
        }
    }

    @Test
    void configRoutesEachLaneToThatConfigsPrimaryAndUsesThePriceItSets() throws Exception {
        List<Attempt> attempts = attempts(true);
        Path audit = write(dir.resolve("b1/audit.jsonl"), attempts);
        Path config = dir.resolve("other.yaml");
        Files.writeString(config, """
                models:
                  - ref: acme/reviewer-1
                    price: {input: 2, output: 8}
                lanes:
                  - {name: reasoning, models: [openai/gpt-5, anthropic/claude-opus-4-5]}
                  - {name: execution, models: [moonshot/kimi-k2.5]}
                  - {name: review, models: [acme/reviewer-1]}
                """);

        WhatIf.Alternative alt = simulate(audit, "config=" + config).alternatives().get(0);

        Map<String, String> primary = Map.of("reasoning", GPT5, "execution", "moonshot/kimi-k2.5");
        BigDecimal expected = handTotal(attempts, a -> primary.get(a.lane()), a -> !a.lane().equals("review"));
        Usage review = attempts.get(5).usage();
        // acme/reviewer-1 by hand: input 2, output 8, reasoning as output.
        expected = expected.add(BigDecimal.valueOf(review.inputTokens() * 2 + (review.outputTokens() + review.reasoningTokens()) * 8L)
                .divide(BigDecimal.valueOf(1_000_000)));
        assertThat(alt.totalUsd()).isEqualByComparingTo(expected);
        assertThat(text(alt, "cache")).contains("on moonshot/kimi-k2.5 at its cache-read rate $0.1/M");
    }

    @Test
    void aModelWithoutAPriceStopsTheSimulation() throws Exception {
        Path audit = write(dir.resolve("b1/audit.jsonl"), attempts(true));
        Path config = dir.resolve("other.yaml");
        Files.writeString(config, "lanes:\n  - {name: reasoning, models: [acme/unpriced]}\n"
                + "  - {name: execution, models: [acme/unpriced]}\n  - {name: review, models: [acme/unpriced]}\n");

        assertThatThrownBy(() -> simulate(audit, "all-cheap=acme/nope")).isInstanceOf(UnknownPriceException.class)
                .hasMessageContaining("acme/nope");
        assertThatThrownBy(() -> simulate(audit, "config=" + config)).isInstanceOf(UnknownPriceException.class)
                .hasMessageContaining("acme/unpriced");
        assertThatThrownBy(() -> Alternative.parse("all-cheapest")).hasMessageContaining("all-cheap[=MODEL]");
        Path partial = dir.resolve("partial.yaml");
        Files.writeString(partial, "lanes:\n  - {name: reasoning, models: [openai/gpt-5]}\n");
        assertThatThrownBy(() -> simulate(audit, "config=" + partial)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no lane 'execution'");
    }

    @Test
    void aFolderOfArchivedBuildsIsSearchedAndSummed() throws Exception {
        List<Attempt> attempts = attempts(true);
        write(dir.resolve("builds/41/audit.jsonl"), attempts);
        write(dir.resolve("builds/42/archive/audit.jsonl"), attempts);

        List<Path> audits = RoutingSimulator.findAudits(List.of(dir.resolve("builds")));
        WhatIf w = RoutingSimulator.load(audits).simulate(List.of(Alternative.parse("all-premium")),
                PriceCatalog.bundled(), "the bundled catalog", List.of());

        assertThat(audits).hasSize(2);
        assertThat(w.paidUsd()).isEqualByComparingTo(paid(attempts, a -> true).multiply(BigDecimal.valueOf(2)));
        assertThat(w.alternatives().get(0).totalUsd())
                .isEqualByComparingTo(handTotal(attempts, a -> OPUS, a -> true).multiply(BigDecimal.valueOf(2)));
        assertThatThrownBy(() -> RoutingSimulator.findAudits(List.of(dir.resolve("nothing"))))
                .hasMessageContaining("no audit log at");
    }

    static String text(WhatIf.Alternative alternative, String key) {
        return alternative.assumptions().stream().filter(a -> a.key().equals(key)).findFirst().orElseThrow().text();
    }
}
