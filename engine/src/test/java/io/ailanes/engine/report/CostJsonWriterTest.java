package io.ailanes.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** cost.json: exact money strings, every section, and validity against the published docs/cost.schema.json. */
class CostJsonWriterTest {

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(Fixtures.doc("cost.schema.json").toUri().toString()));
    }

    static JsonNode json(CostReport report) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CostJsonWriter().write(report, out);
        return Json.tryParse(out.toByteArray()).orElseThrow();
    }

    private static CostReport arithmetic() {
        return Calls.report(new Counterfactual("anthropic/opus",
                u -> new BigDecimal("0.00001").multiply(BigDecimal.valueOf(u.totalTokens()))),
                List.of(new BudgetLine("build \"j#1\"", "BUILD", new BigDecimal("1.00"), new BigDecimal("0.0139858"),
                        BigDecimal.ZERO, false),
                        new BudgetLine("global day \"2026-01-05\"", "GLOBAL_DAY", null, new BigDecimal("7.5"),
                                new BigDecimal("0.25"), false)),
                Calls.six());
    }

    @Test
    void writesExactFiguresInEverySection() throws IOException {
        JsonNode j = json(arithmetic());
        assertThat(j.get("schema").asText()).isEqualTo("ai-lanes/cost/v1");
        assertThat(j.at("/run/runId").asText()).isEqualTo("r1");
        assertThat(j.at("/run/startedAt").asText()).isEqualTo("2026-01-05T09:00:09Z");
        assertThat(j.at("/run/durationMs").asLong()).isEqualTo(51_000);
        assertThat(j.at("/run/currency").asText()).isEqualTo("USD");

        JsonNode t = j.get("totals");
        assertThat(t.get("costUsd").isTextual()).isTrue();
        assertThat(t.get("costUsd").asText()).isEqualTo("0.0139858");
        assertThat(t.at("/tokens/input").asLong()).isEqualTo(1900);
        assertThat(t.at("/tokens/cacheRead").asLong()).isEqualTo(1100);
        assertThat(t.at("/tokens/cacheWrite").asLong()).isEqualTo(300);
        assertThat(t.at("/tokens/cacheWrite1h").asLong()).isZero();
        assertThat(t.at("/tokens/output").asLong()).isEqualTo(760);
        assertThat(t.at("/tokens/reasoning").asLong()).isEqualTo(140);
        assertThat(t.at("/tokens/totalInput").asLong()).isEqualTo(3300);
        assertThat(t.at("/tokens/totalOutput").asLong()).isEqualTo(900);
        assertThat(t.at("/tokens/total").asLong()).isEqualTo(4200);
        assertThat(t.get("cacheShare").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(t.get("calls").asLong()).isEqualTo(5);
        assertThat(t.get("attempts").asLong()).isEqualTo(6);
        assertThat(t.get("failedAttempts").asLong()).isEqualTo(2);
        assertThat(t.get("failedCalls").asLong()).isEqualTo(1);
        assertThat(t.at("/outcomes/SUCCEEDED").asLong()).isEqualTo(4);
        assertThat(t.at("/latencyMs/mean").decimalValue()).isEqualByComparingTo("1133.3");

        JsonNode implement = j.get("byStep").get(2);
        assertThat(implement.get("step").asText()).isEqualTo("implement");
        assertThat(implement.get("costUsd").asText()).isEqualTo("0.0002652");
        assertThat(implement.get("costPercent").decimalValue()).isEqualByComparingTo("1.90"); // 0.0002652/0.0139858
        assertThat(implement.get("cacheShare").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(j.at("/byLane/0/lane").asText()).isEqualTo("reasoning");
        assertThat(j.at("/byLane/0/costUsd").asText()).isEqualTo("0.0137206");
        assertThat(j.at("/byModel/0/model").asText()).isEqualTo("anthropic/opus");
        assertThat(j.at("/byModel/0/family").asText()).isEqualTo("claude");
        assertThat(j.at("/byModel/0/cacheShare").decimalValue()).isEqualByComparingTo("0.1333");

        assertThat(j.at("/budgets/0/headroomUsd").asText()).isEqualTo("0.9860142");
        assertThat(j.at("/budgets/0/percentUsed").decimalValue()).isEqualByComparingTo("1.40");
        assertThat(j.at("/budgets/1/capUsd").isNull()).isTrue();
        assertThat(j.at("/budgets/1/headroomUsd").isNull()).isTrue();
        assertThat(j.at("/budgets/1/reservedUsd").asText()).isEqualTo("0.25");

        assertThat(j.at("/counterfactual/premiumUsd").asText()).isEqualTo("0.042");
        assertThat(j.at("/counterfactual/savingUsd").asText()).isEqualTo("0.0280142");
        assertThat(j.at("/counterfactual/savingPercent").decimalValue()).isEqualByComparingTo("66.70");
        assertThat(j.at("/counterfactual/pricedAttempts").asLong()).isEqualTo(4);

        assertThat(j.at("/fixRounds/firstRound/round").asInt()).isEqualTo(1);
        assertThat(j.at("/fixRounds/rounds/0/round").asInt()).isEqualTo(2);
        assertThat(j.at("/fixRounds/rounds/0/cachedShare").decimalValue()).isEqualByComparingTo("0.9");
        assertThat(j.at("/fixRounds/overall/totalInputTokens").asLong()).isEqualTo(1000);
        assertThat(j.at("/fixRounds/overall/cacheReadTokens").asLong()).isEqualTo(900);
        assertThat(j.at("/fixRounds/overall").has("round")).isFalse();

        ArrayNode calls = (ArrayNode) j.get("calls");
        assertThat(calls).hasSize(6);
        JsonNode retry = calls.get(1);
        assertThat(retry.get("callId").asText()).isEqualTo("c2");
        assertThat(retry.get("outcome").asText()).isEqualTo("RETRYING");
        assertThat(retry.get("costUsd").asText()).isEqualTo("0");
        assertThat(retry.get("errorMessage").asText()).isEqualTo("HTTP 503");
        assertThat(retry.get("round").asInt()).isEqualTo(1);
        assertThat(calls.get(0).get("round").isNull()).isTrue();
        assertThat(calls.get(0).get("costUsd").asText()).isEqualTo("0.0123456");
        assertThat(calls.get(2).get("costUsd").asText()).isEqualTo("0.00021"); // "0.0002100" without trailing zeros
        assertThat(calls.get(0).get("tokens").size()).isEqualTo(6);
        assertThat(calls.get(0).get("timestamp").asText()).isEqualTo("2026-01-05T09:00:10Z");
    }

    @Test
    void moneyIsPlainAndExact() {
        assertThat(CostJsonWriter.money(new BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(CostJsonWriter.money(new BigDecimal("0.000375000"))).isEqualTo("0.000375");
        assertThat(CostJsonWriter.money(new BigDecimal("0E-12"))).isEqualTo("0");
        assertThat(CostJsonWriter.money(new BigDecimal("-1.50"))).isEqualTo("-1.5");
        assertThat(CostJsonWriter.money(new BigDecimal("1.23456789012345678901"))).isEqualTo("1.23456789012345678901");
    }

    @Test
    void outputIsValidAgainstThePublishedSchema() throws IOException {
        assertValid(json(arithmetic()));
        assertValid(json(SampleRun.report()));
        assertValid(json(SampleRun.reportWithWhatIf()));
        assertValid(json(Calls.report(null, List.of(), List.of()))); // nulls everywhere
        assertValid(json(Calls.report(new Counterfactual("x/y", u -> BigDecimal.ZERO), List.of(),
                List.of(new ReportCall(1, Calls.T0, "id", 1, null, null, null, null, "CANCELLED", null, null, 0,
                        null, null, null)))));
    }

    @Test
    void schemaRejectsBrokenDocuments() throws IOException {
        JsonNode good = json(arithmetic());
        assertInvalid(good, j -> ((ObjectNode) j.get("totals")).put("costUsd", 0.0139858)); // a float, not a string
        assertInvalid(good, j -> ((ObjectNode) j.get("totals")).put("costUsd", "1e-3"));
        assertInvalid(good, j -> ((ObjectNode) j).put("schema", "ai-lanes/cost/v2"));
        assertInvalid(good, j -> ((ObjectNode) j).remove("fixRounds"));
        assertInvalid(good, j -> ((ObjectNode) j.at("/calls/0/tokens")).put("extra", 1));
        assertInvalid(good, j -> ((ObjectNode) j.at("/byModel/0")).remove("family"));
        assertInvalid(good, j -> ((ObjectNode) j.at("/budgets/0")).put("kind", "WEEK"));
        assertInvalid(good, j -> ((ObjectNode) j.at("/totals/tokens")).put("input", -1));
        assertInvalid(good, j -> ((ObjectNode) j.at("/byLane/0")).put("cacheShare", 1.5));
    }

    @Test
    void whatIfIsNullWithoutASimulationAndExactWithOne() throws IOException {
        assertThat(json(SampleRun.report()).get("whatIf").isNull()).isTrue();
        JsonNode w = json(SampleRun.reportWithWhatIf()).get("whatIf");
        assertThat(w.path("paidUsd").asText()).isEqualTo("0.3873238");
        JsonNode cheap = w.path("alternatives").get(1);
        assertThat(cheap.path("spec").asText()).isEqualTo("all-cheap=deepseek/deepseek-chat");
        assertThat(cheap.path("totalUsd").asText()).isEqualTo("0.0612");
        assertThat(cheap.path("differenceUsd").asText()).isEqualTo("-0.3261238");
        assertThat(cheap.path("differencePercent").decimalValue()).isEqualByComparingTo("-84.20");
        assertThat(cheap.at("/byStep/0/notes").toString()).isEqualTo("[\"tokens\",\"reasoning\"]");
        JsonNode good = json(SampleRun.reportWithWhatIf());
        assertInvalid(good, j -> ((ObjectNode) j.at("/whatIf/alternatives/0")).put("totalUsd", 1.19));
        assertInvalid(good, j -> ((com.fasterxml.jackson.databind.node.ArrayNode) j.at("/whatIf/alternatives/0/notes")).add("guess"));
        assertInvalid(good, j -> ((ObjectNode) j).remove("whatIf"));
    }

    private static void assertValid(JsonNode doc) {
        Set<ValidationMessage> errors = schema.validate(doc);
        assertThat(errors).as(doc.toPrettyString()).isEmpty();
    }

    private static void assertInvalid(JsonNode good, Consumer<JsonNode> breakIt) {
        JsonNode copy = good.deepCopy();
        breakIt.accept(copy);
        assertThat(schema.validate(copy)).isNotEmpty();
    }

    @Test
    void emptyUsageRowsStillCarryEveryKind() throws IOException {
        JsonNode j = json(Calls.report(null, List.of(), List.of(Calls.call(1, "a", 1, "s", "l", "m/n", "FAILED",
                Usage.ZERO, "0", 0, null, "boom"))));
        assertThat(j.at("/calls/0/tokens/cacheWrite1h").asLong()).isZero();
        assertThat(j.at("/calls/0/family").asText()).isEqualTo("deepseek");
        assertThat(j.get("counterfactual").isNull()).isTrue();
    }
}
