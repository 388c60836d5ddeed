package io.ailanes.engine.lane;

import io.ailanes.engine.budget.BudgetExceededException;
import io.ailanes.engine.budget.Reservation;
import io.ailanes.engine.price.Cost;
import io.ailanes.engine.provider.Attempt;

/** Hears what the router does; the session writes it to the console and the audit log. */
public interface RouterListener {

    RouterListener NONE = new RouterListener() {};

    default void onDecision(CallSpec call, RoutingDecision decision) {}

    /**
     * An HTTP attempt failed (it is retried, or the call fails or falls back).
     *
     * @param cost what the provider billed for this attempt
     * @param reservation the budget held for the call
     * @param routingReason why this model was called
     * @param fallingBack whether the router moves on to the lane's next model after this failure
     */
    default void onAttempt(CallSpec call, ModelRef model, Attempt attempt, Cost cost, Reservation reservation,
            String routingReason, boolean fallingBack) {}

    /**
     * The call succeeded.
     *
     * @param attempt the successful attempt
     * @param cost what the successful attempt cost
     */
    default void onSuccess(CallSpec call, ModelRef model, Attempt attempt, io.ailanes.engine.provider.ChatResponse response,
            Cost cost, Reservation reservation, String routingReason) {}

    /** The budget refused a model before any call. */
    default void onRefused(CallSpec call, ModelRef model, BudgetExceededException refusal, String routingReason) {}
}
