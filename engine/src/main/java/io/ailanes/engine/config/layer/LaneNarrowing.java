package io.ailanes.engine.config.layer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a layer may narrow of one lane: which of its models stay (in the layer's order) and a lower cap.
 *
 * @param name the lane, which the base must have (a layer cannot add one)
 * @param models the models kept, each one the lane already has, in the order the layer prefers; null keeps them all
 * @param budgetUsd a cap at or below the lane's current one, or null to keep it
 */
public record LaneNarrowing(String name, List<String> models, BigDecimal budgetUsd) {

    public LaneNarrowing {
        models = models == null ? null : Collections.unmodifiableList(new ArrayList<>(models));
    }
}
