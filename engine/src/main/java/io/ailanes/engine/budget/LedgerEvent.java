package io.ailanes.engine.budget;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the ledger's journal. Replaying the events in order rebuilds the ledger's state.
 *
 * @param type what happened
 * @param id the reservation's id
 * @param chain the scopes held against (RESERVE only; empty otherwise)
 * @param amount RESERVE: the amount held; SETTLE/RECOVER: the amount spent; RELEASE: 0
 * @param observation SETTLE only, optional: the call's estimated, reserved and reported input tokens, which
 *     {@link EstimatorCalibration} learns from (journals written before calibration have none)
 */
public record LedgerEvent(Type type, long id, List<ScopeId> chain, BigDecimal amount,
        EstimatorCalibration.Observation observation) {

    public enum Type {
        /** Money held against a chain. */
        RESERVE,
        /** A reservation closed with the provider-reported cost. */
        SETTLE,
        /** A reservation closed with nothing spent. */
        RELEASE,
        /** A reservation found open after a crash, closed as fully spent. */
        RECOVER
    }

    public LedgerEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        chain = chain == null ? List.of() : List.copyOf(chain);
        if (type == Type.RESERVE && chain.isEmpty()) {
            throw new IllegalArgumentException("a reserve event needs its scope chain");
        }
        if (observation != null && type != Type.SETTLE) {
            throw new IllegalArgumentException("only a settle event carries a calibration observation");
        }
    }

    public LedgerEvent(Type type, long id, List<ScopeId> chain, BigDecimal amount) {
        this(type, id, chain, amount, null);
    }

    public static LedgerEvent reserve(long id, List<ScopeId> chain, BigDecimal amount) {
        return new LedgerEvent(Type.RESERVE, id, chain, amount);
    }

    public static LedgerEvent settle(long id, BigDecimal actual) {
        return new LedgerEvent(Type.SETTLE, id, List.of(), actual);
    }

    public static LedgerEvent settle(long id, BigDecimal actual, EstimatorCalibration.Observation observation) {
        return new LedgerEvent(Type.SETTLE, id, List.of(), actual, observation);
    }

    public static LedgerEvent release(long id) {
        return new LedgerEvent(Type.RELEASE, id, List.of(), BigDecimal.ZERO);
    }

    public static LedgerEvent recover(long id, BigDecimal amount) {
        return new LedgerEvent(Type.RECOVER, id, List.of(), amount);
    }
}
