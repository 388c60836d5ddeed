package io.ailanes.engine.lane;

import java.util.List;

/**
 * A named, ordered list of models: the primary first, then its fallbacks.
 *
 * @param name the lane's name
 * @param models models in order of preference
 * @param escalateTo the lane to escalate to, or null
 * @param allowSameFamily whether a review by a model of the implementer's family is allowed
 */
public record Lane(String name, List<ModelRef> models, String escalateTo, boolean allowSameFamily) {

    public static final String REASONING = "reasoning";
    public static final String EXECUTION = "execution";
    public static final String REVIEW = "review";

    public Lane {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("lane '" + name + "' has no models");
        }
    }

    public ModelRef primary() {
        return models.get(0);
    }
}
