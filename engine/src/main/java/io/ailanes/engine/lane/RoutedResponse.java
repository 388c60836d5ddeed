package io.ailanes.engine.lane;

import io.ailanes.engine.price.Cost;
import io.ailanes.engine.provider.ChatResponse;
import java.util.List;

/**
 * A routed call's outcome.
 *
 * @param model the model that answered
 * @param family its family
 * @param response the provider's response
 * @param cost what the answering call cost (the failed attempts' costs are in the audit)
 * @param decisions every routing decision, in order
 */
public record RoutedResponse(
        ModelRef model, String family, ChatResponse response, Cost cost, List<RoutingDecision> decisions) {}
