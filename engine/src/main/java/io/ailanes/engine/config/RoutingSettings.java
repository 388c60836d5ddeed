package io.ailanes.engine.config;

/**
 * How the lane router treats sick models.
 *
 * @param circuitBreakerThreshold consecutive failures that open a model's breaker (default 3)
 * @param circuitBreakerCooldown how long an open breaker skips the model, e.g. {@code 60s} (default)
 */
public record RoutingSettings(Integer circuitBreakerThreshold, String circuitBreakerCooldown) {

    public static final RoutingSettings DEFAULT = new RoutingSettings(null, null);
}
