package io.ailanes.engine.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded build with known usages, written with the engine's audit writer, and the hand computation of
 * its costs from catalog.json's per-million rates (a plain ObjectMapper: not PriceCatalog, not CostCalculator).
 * Used by the simulate tests of the engine and the CLI.
 */
public final class SimulationFixture {

    private SimulationFixture() {}

    /** One attempt the test writes: step, lane, model, outcome, usage, recorded cost, attributes. */
    public record Attempt(String step, String lane, String model, AuditOutcome outcome, Usage usage, String cost,
            Map<String, String> attributes) {
        public boolean billed() {
            return outcome == AuditOutcome.SUCCEEDED || usage.totalTokens() > 0;
        }
    }

    public static final String OPUS = "anthropic/claude-opus-4-5";
    public static final String DEEPSEEK = "deepseek/deepseek-chat";
    public static final String GPT5 = "openai/gpt-5";

    /** plan, a 503, two execution rounds, an escalated round in the reasoning lane, a review. */
    public static List<Attempt> attempts(boolean escalatedFromAttribute) {
        Map<String, String> run = Map.of("premium", OPUS, "pricesAsOf", "2026-01-15");
        List<Attempt> list = new ArrayList<>();
        list.add(new Attempt("plan", "reasoning", OPUS, AuditOutcome.SUCCEEDED,
                new Usage(12_000, 0, 3_000, 0, 2_500, 800), "0.1234", with(run, "family", "anthropic")));
        list.add(new Attempt("implement", "execution", DEEPSEEK, AuditOutcome.RETRYING, Usage.ZERO, "0",
                with(with(run, "family", "deepseek"), "round", "1")));
        list.add(new Attempt("implement", "execution", DEEPSEEK, AuditOutcome.SUCCEEDED,
                new Usage(30_000, 8_000, 0, 0, 1_500, 0), "0.0123", with(with(run, "family", "deepseek"), "round", "1")));
        list.add(new Attempt("implement", "execution", DEEPSEEK, AuditOutcome.SUCCEEDED,
                new Usage(5_000, 40_000, 0, 0, 1_200, 0), "0.004", with(with(run, "family", "deepseek"), "round", "2")));
        Map<String, String> escalated = with(with(run, "family", "anthropic"), "round", "3");
        if (escalatedFromAttribute) {
            escalated = with(escalated, "escalatedFrom", "execution");
        }
        list.add(new Attempt("implement", "reasoning", OPUS, AuditOutcome.SUCCEEDED,
                new Usage(20_000, 25_000, 4_000, 0, 3_000, 600), "0.25", escalated));
        list.add(new Attempt("review", "review", GPT5, AuditOutcome.SUCCEEDED,
                new Usage(9_000, 0, 0, 0, 700, 2_200), "0.03", with(run, "family", "openai")));
        return list;
    }

    static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> map = new LinkedHashMap<>(base);
        map.put(key, value);
        return map;
    }

    public static Path write(Path file, List<Attempt> attempts) throws Exception {
        Files.createDirectories(file.getParent());
        try (AuditLog log = AuditLog.open(file, AuditMode.HASHES, Redactor.PATTERNS_ONLY)) {
            int call = 0;
            for (Attempt a : attempts) {
                String[] ref = a.model().split("/", 2);
                log.append(AuditEntry.builder().runId("run-sim").callId("c" + (++call)).attempt(1).step(a.step())
                        .lane(a.lane()).provider(ref[0]).model(ref[1]).outcome(a.outcome()).usage(a.usage())
                        .costUsd(new BigDecimal(a.cost())).latencyMs(100).attributes(a.attributes()).build());
            }
            // A blocked edit: listed by the report, no call, no cost.
            log.append(AuditEntry.builder().runId("run-sim").step("implement").outcome(AuditOutcome.FAILED)
                    .attributes(Map.of("event", "EDIT_REJECTED", "round", "2")).error("EDIT_REJECTED", null, "refused").build());
        }
        return file;
    }

    public static final JsonNode CATALOG = readCatalog();

    private static JsonNode readCatalog() {
        try (InputStream in = SimulationFixture.class.getResourceAsStream("/io/ailanes/engine/price/catalog.json")) {
            return new ObjectMapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Rates per million of a model, as written in catalog.json. */
    public static JsonNode rates(String ref) {
        for (JsonNode m : CATALOG.path("models")) {
            if (m.path("ref").asText().equals(ref)) {
                return m;
            }
        }
        throw new AssertionError("not in catalog.json: " + ref);
    }

    static BigDecimal rate(JsonNode m, String field, BigDecimal fallback) {
        return m.hasNonNull(field) ? new BigDecimal(m.get(field).asText()) : fallback;
    }

    /** By hand: each kind times its rate, the documented fallbacks, divided by a million. */
    public static BigDecimal hand(JsonNode m, Usage u) {
        BigDecimal in = rate(m, "input", null);
        BigDecimal out = rate(m, "output", null);
        BigDecimal write = rate(m, "cacheWrite", in);
        BigDecimal sum = in.multiply(BigDecimal.valueOf(u.inputTokens()))
                .add(rate(m, "cacheRead", in).multiply(BigDecimal.valueOf(u.cacheReadTokens())))
                .add(write.multiply(BigDecimal.valueOf(u.cacheWriteTokens())))
                .add(rate(m, "cacheWrite1h", write).multiply(BigDecimal.valueOf(u.cacheWrite1hTokens())))
                .add(out.multiply(BigDecimal.valueOf(u.outputTokens())))
                .add(rate(m, "reasoning", out).multiply(BigDecimal.valueOf(u.reasoningTokens())));
        return sum.divide(BigDecimal.valueOf(1_000_000));
    }

    /** The hand total of the billed attempts, each routed by {@code route}. */
    public static BigDecimal handTotal(List<Attempt> attempts, Function<Attempt, String> route,
            java.util.function.Predicate<Attempt> filter) {
        BigDecimal total = BigDecimal.ZERO;
        for (Attempt a : attempts) {
            if (a.billed() && filter.test(a)) {
                total = total.add(hand(rates(route.apply(a)), a.usage()));
            }
        }
        return total;
    }

    public static BigDecimal paid(List<Attempt> attempts, java.util.function.Predicate<Attempt> filter) {
        return attempts.stream().filter(filter).map(a -> new BigDecimal(a.cost())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

}
