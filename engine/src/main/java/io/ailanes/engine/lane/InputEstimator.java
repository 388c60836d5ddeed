package io.ailanes.engine.lane;

import io.ailanes.engine.price.ModelPrice;
import io.ailanes.engine.provider.ChatRequest;

/** An upper bound of the input tokens a request will be billed for on a model. */
@FunctionalInterface
public interface InputEstimator {

    long upperBound(ChatRequest request, ModelPrice model);
}
