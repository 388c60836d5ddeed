package io.ailanes.engine.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One JSON object per event: {@code {"e":"reserve","id":7,"chain":[["BUILD","myjob#42"],...],"usd":"0.12"}}.
 * Amounts are strings so that they stay exact decimals. A settle event may carry the call's input tokens for
 * {@link EstimatorCalibration}: {@code "cal":"anthropic/ANTHROPIC","est":643,"res":515,"rep":406}. Journals written
 * before calibration have no such fields and load as they always did; a reader that predates them ignores them.
 */
public final class LedgerEventCodec {

    /** Scope ids repeat on every line of a journal; sharing one instance keeps a month of events small. */
    private final Map<ScopeId, ScopeId> interned = new HashMap<>();

    public String encode(LedgerEvent event) {
        ObjectNode node = Json.object();
        node.put("e", event.type().name().toLowerCase(Locale.ROOT));
        node.put("id", event.id());
        if (!event.chain().isEmpty()) {
            ArrayNode chain = node.putArray("chain");
            for (ScopeId scope : event.chain()) {
                chain.addArray().add(scope.kind().name()).add(scope.key());
            }
        }
        node.put("usd", event.amount().toPlainString());
        EstimatorCalibration.Observation observation = event.observation();
        if (observation != null) {
            node.put("cal", observation.key()).put("est", observation.estimated()).put("res", observation.reserved())
                    .put("rep", observation.reported());
        }
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode ledger event " + event, e);
        }
    }

    /** The event on one line, or null if the line is not a complete event. */
    public LedgerEvent decode(String line) {
        JsonNode node = Json.tryParse(line).orElse(null);
        if (node == null || !node.isObject()) {
            return null;
        }
        try {
            LedgerEvent.Type type = LedgerEvent.Type.valueOf(node.path("e").asText("").toUpperCase(Locale.ROOT));
            JsonNode id = node.get("id");
            JsonNode usd = node.get("usd");
            if (id == null || !id.canConvertToLong() || usd == null || !usd.isTextual()) {
                return null;
            }
            List<ScopeId> chain = new ArrayList<>();
            for (JsonNode scope : node.path("chain")) {
                ScopeId parsed = new ScopeId(ScopeKind.valueOf(scope.path(0).asText()), scope.path(1).asText());
                chain.add(interned.computeIfAbsent(parsed, s -> s));
            }
            return new LedgerEvent(type, id.asLong(), chain, new BigDecimal(usd.asText()), observation(type, node));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A settle event's calibration fields, or null; fields that do not make a valid observation are ignored. */
    private static EstimatorCalibration.Observation observation(LedgerEvent.Type type, JsonNode node) {
        JsonNode key = node.get("cal");
        JsonNode est = node.get("est");
        JsonNode res = node.get("res");
        JsonNode rep = node.get("rep");
        if (type != LedgerEvent.Type.SETTLE || key == null || !key.isTextual() || !count(est) || !count(res)
                || !count(rep) || est.asLong() <= 0) {
            return null;
        }
        return new EstimatorCalibration.Observation(key.asText(), est.asLong(), res.asLong(), rep.asLong());
    }

    private static boolean count(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0;
    }
}
