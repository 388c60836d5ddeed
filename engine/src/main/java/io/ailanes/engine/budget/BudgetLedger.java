package io.ailanes.engine.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hard budgets over nested scopes: a call reserves its worst case against every scope of its chain (or
 * none), and settles to the provider-reported cost afterwards, releasing the rest.
 *
 * <p><b>Guarantee.</b> At every moment, for every capped scope, settled + reserved ≤ cap, provided each
 * call's actual cost is at most what it reserved. That proviso is why reservations are worst cases (input
 * tokens from a conservative {@link TokenEstimator} upper bound plus all max output tokens, at uncached
 * prices). When a provider still bills more than the reservation, {@link #settle} records the truth — the
 * money is spent — and flags the excess as an overrun in the scope's state instead of hiding it; the scope
 * can then stand above its cap, and every later reservation against it is refused.
 *
 * <p><b>Atomicity.</b> One lock guards all scopes. Every chain ends in the same few long-lived scopes (the
 * job month, the global day), so finer locks would contend on those anyway, and the critical section is a
 * handful of decimal additions. Each event is appended to the {@link LedgerStore} under the lock before the
 * in-memory state changes, so the journal order is the state order, and a failing store refuses the call.
 *
 * <p><b>Crash recovery.</b> On construction the store's journal is replayed. Reservations it leaves open
 * belonged to a run that died mid-call: they are counted as spent in full (the call may have been billed),
 * reported through {@link #warnings()} as unsettled after crash, and closed in the journal.
 *
 * <p><b>Calibration.</b> A settlement may carry the call's estimated and reported input tokens; the ledger keeps
 * them in its journal (on the settle event) and feeds them to its {@link EstimatorCalibration}, so what was learned
 * about each provider's tokenizer survives restarts and travels with the spend it came from.
 *
 * <p>Caps are configuration, not journal: hosts set them on every run with {@link #setCap}. A scope without
 * a cap is tracked but never refuses.
 */
public final class BudgetLedger {

    private final Object lock = new Object();
    private final LedgerStore store;
    private final Map<ScopeId, Account> accounts = new HashMap<>();
    private final Map<Long, Reservation> open = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Reservation> recovered = new ArrayList<>();
    private final EstimatorCalibration calibration = new EstimatorCalibration();
    private long nextId = 1;

    public BudgetLedger(LedgerStore store) {
        this.store = Objects.requireNonNull(store, "store");
        LedgerStore.Loaded loaded = store.load();
        warnings.addAll(loaded.warnings());
        for (LedgerEvent event : loaded.events()) {
            replay(event);
        }
        recoverOpenReservations();
    }

    /** A ledger whose journal lives only in memory. */
    public static BudgetLedger inMemory() {
        return new BudgetLedger(new InMemoryLedgerStore());
    }

    /** Caps a scope at {@code usd} (exact); null removes the cap. Lowering a cap below the spend is allowed. */
    public void setCap(ScopeId scope, BigDecimal usd) {
        Objects.requireNonNull(scope, "scope");
        if (usd != null && usd.signum() < 0) {
            throw new IllegalArgumentException("the cap of " + scope.describe() + " cannot be negative: " + usd);
        }
        synchronized (lock) {
            account(scope).cap = usd;
        }
    }

    /**
     * Holds {@code amount} against every scope of {@code chain}, or throws {@link BudgetExceededException}
     * naming the scope with the least headroom if any capped scope cannot take it.
     */
    public Reservation reserve(List<ScopeId> chain, BigDecimal amount) {
        List<ScopeId> scopes = checkChain(chain);
        requireNonNegative(amount, "amount");
        synchronized (lock) {
            Binding binding = binding(scopes);
            if (binding != null && amount.compareTo(binding.headroom) > 0) {
                throw binding.refuse(amount, null);
            }
            return hold(new Reservation(nextId, scopes, amount, 0, 0, null));
        }
    }

    /**
     * Reserves the worst case of a call, lowering its output cap to what the budget affords.
     *
     * <p>Reserves {@code inputCost + n × outputPerToken} for the largest {@code n} in
     * [{@code floorOutputTokens}, {@code maxOutputTokens}] that fits the smallest headroom of the chain, in one
     * atomic step. Throws {@link BudgetExceededException} when even the floor does not fit.
     *
     * @param inputCost worst-case cost of the input at the uncached rate
     * @param outputPerToken price of one output token (reasoning included)
     */
    public Reservation reserveFitting(List<ScopeId> chain, BigDecimal inputCost, BigDecimal outputPerToken,
            long maxOutputTokens, long floorOutputTokens) {
        List<ScopeId> scopes = checkChain(chain);
        requireNonNegative(inputCost, "input cost");
        requireNonNegative(outputPerToken, "output price per token");
        if (floorOutputTokens < 1 || floorOutputTokens > maxOutputTokens) {
            throw new IllegalArgumentException("output tokens need 1 <= floor <= max, got floor "
                    + floorOutputTokens + " and max " + maxOutputTokens);
        }
        BigDecimal atMax = cost(inputCost, outputPerToken, maxOutputTokens);
        synchronized (lock) {
            Binding binding = binding(scopes);
            if (binding == null || atMax.compareTo(binding.headroom) <= 0) {
                return hold(new Reservation(nextId, scopes, atMax, maxOutputTokens, maxOutputTokens, null));
            }
            long affordable = affordableTokens(binding.headroom, inputCost, outputPerToken, maxOutputTokens);
            if (affordable < floorOutputTokens) {
                BigDecimal atFloor = cost(inputCost, outputPerToken, floorOutputTokens);
                throw binding.refuse(atFloor, "input " + Usd.format(inputCost) + " + " + floorOutputTokens
                        + " output tokens " + Usd.format(outputPerToken.multiply(BigDecimal.valueOf(floorOutputTokens))));
            }
            String reason = "lowered from " + maxOutputTokens + " to " + affordable + " output tokens to fit "
                    + binding.scope.describe() + " (headroom " + Usd.format(binding.headroom) + ")";
            return hold(new Reservation(nextId, scopes, cost(inputCost, outputPerToken, affordable), affordable,
                    maxOutputTokens, reason));
        }
    }

    /**
     * Records what the provider billed for a reserved call and releases the rest of the hold. A bill above
     * the reservation is recorded in full and flagged as an overrun. Settling a reservation twice (or after
     * releasing it) throws {@link IllegalStateException}: nothing is ever counted twice.
     */
    public Settlement settle(Reservation reservation, BigDecimal actualCost) {
        return settle(reservation, actualCost, null);
    }

    /**
     * Settles like {@link #settle(Reservation, BigDecimal)} and records what the provider reported of the call's
     * input against its estimate, for {@link #calibration()}.
     *
     * @param observation null when the call says nothing about the estimator (it failed, or it is counted exactly)
     */
    public Settlement settle(Reservation reservation, BigDecimal actualCost, EstimatorCalibration.Observation observation) {
        requireNonNegative(actualCost, "actual cost");
        synchronized (lock) {
            Reservation held = requireOpen(reservation);
            store.append(LedgerEvent.settle(held.id(), actualCost, observation));
            if (observation != null) {
                calibration.observe(observation);
            }
            return close(held, actualCost, false);
        }
    }

    /** What the journal taught about each provider's tokenizer: tightens input estimates within fixed bounds. */
    public EstimatorCalibration calibration() {
        return calibration;
    }

    /** Closes a reservation with nothing spent (a call that was never sent, or billed nothing). */
    public Settlement release(Reservation reservation) {
        synchronized (lock) {
            Reservation held = requireOpen(reservation);
            store.append(LedgerEvent.release(held.id()));
            return close(held, BigDecimal.ZERO, false);
        }
    }

    /** The scope's current state (an untouched, uncapped scope reads all zeros). */
    public ScopeState state(ScopeId scope) {
        synchronized (lock) {
            Account account = accounts.get(scope);
            return account == null ? new Account().snapshot(scope) : account.snapshot(scope);
        }
    }

    /** Every known scope, in a consistent snapshot. */
    public List<ScopeState> states() {
        synchronized (lock) {
            List<ScopeState> states = new ArrayList<>(accounts.size());
            accounts.forEach((scope, account) -> states.add(account.snapshot(scope)));
            return states;
        }
    }

    /** Reservations currently held. */
    public List<Reservation> openReservations() {
        synchronized (lock) {
            return List.copyOf(open.values());
        }
    }

    /** Reservations a previous run left open when it crashed, now counted as spent. */
    public List<Reservation> unsettledAfterCrash() {
        synchronized (lock) {
            return List.copyOf(recovered);
        }
    }

    /** Things the user should know about the journal (torn lines, reservations unsettled after a crash). */
    public List<String> warnings() {
        synchronized (lock) {
            return List.copyOf(warnings);
        }
    }

    // --- internals, all called with the lock held ---

    private Reservation hold(Reservation reservation) {
        store.append(LedgerEvent.reserve(reservation.id(), reservation.chain(), reservation.amount()));
        apply(reservation);
        return reservation;
    }

    private void apply(Reservation reservation) {
        nextId = Math.max(nextId, reservation.id() + 1);
        open.put(reservation.id(), reservation);
        for (ScopeId scope : reservation.chain()) {
            Account account = account(scope);
            account.reserved = account.reserved.add(reservation.amount());
            account.open++;
        }
    }

    private Settlement close(Reservation held, BigDecimal actual, boolean afterCrash) {
        open.remove(held.id());
        BigDecimal overrun = actual.subtract(held.amount()).max(BigDecimal.ZERO);
        for (ScopeId scope : held.chain()) {
            Account account = account(scope);
            account.reserved = account.reserved.subtract(held.amount());
            account.settled = account.settled.add(actual);
            account.overrun = account.overrun.add(overrun);
            if (afterCrash) {
                account.unsettledAfterCrash = account.unsettledAfterCrash.add(actual);
            }
            account.open--;
        }
        return new Settlement(held, actual, held.amount().subtract(actual).max(BigDecimal.ZERO), overrun);
    }

    private Reservation requireOpen(Reservation reservation) {
        Objects.requireNonNull(reservation, "reservation");
        Reservation held = open.get(reservation.id());
        if (held != null && held.equals(reservation)) {
            return held;
        }
        if (held == null && reservation.id() < nextId) {
            throw new IllegalStateException("reservation " + reservation.id() + " is already settled or released");
        }
        throw new IllegalArgumentException("reservation " + reservation.id() + " does not belong to this ledger");
    }

    private void replay(LedgerEvent event) {
        switch (event.type()) {
            case RESERVE -> {
                if (event.id() < nextId) {
                    throw new IllegalStateException("budget journal reuses reservation id " + event.id());
                }
                apply(new Reservation(event.id(), event.chain(), event.amount(), 0, 0, null));
            }
            case SETTLE, RELEASE, RECOVER -> {
                Reservation held = open.get(event.id());
                if (held == null) {
                    throw new IllegalStateException("budget journal closes reservation " + event.id()
                            + " that is not open; refusing to guess the spend");
                }
                close(held, event.amount(), event.type() == LedgerEvent.Type.RECOVER);
                if (event.observation() != null) {
                    calibration.observe(event.observation());
                }
            }
        }
    }

    private void recoverOpenReservations() {
        List<Reservation> left = new ArrayList<>(open.values());
        left.sort((a, b) -> Long.compare(a.id(), b.id()));
        for (Reservation held : left) {
            store.append(LedgerEvent.recover(held.id(), held.amount()));
            close(held, held.amount(), true);
            recovered.add(held);
            warnings.add("reservation " + held.id() + " unsettled after crash: counted as spent "
                    + Usd.format(held.amount()) + " in " + describe(held.chain()));
        }
    }

    private Account account(ScopeId scope) {
        return accounts.computeIfAbsent(scope, s -> new Account());
    }

    /** The capped scope of the chain with the least headroom, or null when no scope is capped. */
    private Binding binding(List<ScopeId> chain) {
        Binding binding = null;
        for (ScopeId scope : chain) {
            Account account = account(scope);
            if (account.cap != null) {
                BigDecimal headroom = account.cap.subtract(account.settled).subtract(account.reserved);
                if (binding == null || headroom.compareTo(binding.headroom) < 0) {
                    binding = new Binding(scope, account.cap, account.settled, account.reserved, headroom);
                }
            }
        }
        return binding;
    }

    private static long affordableTokens(BigDecimal headroom, BigDecimal inputCost, BigDecimal outputPerToken,
            long maxOutputTokens) {
        BigDecimal left = headroom.subtract(inputCost);
        if (left.signum() < 0) {
            return -1;
        }
        if (outputPerToken.signum() == 0) {
            return maxOutputTokens;
        }
        BigDecimal tokens = left.divide(outputPerToken, 0, RoundingMode.FLOOR);
        return tokens.compareTo(BigDecimal.valueOf(maxOutputTokens)) >= 0 ? maxOutputTokens : tokens.longValueExact();
    }

    private static BigDecimal cost(BigDecimal inputCost, BigDecimal outputPerToken, long outputTokens) {
        return inputCost.add(outputPerToken.multiply(BigDecimal.valueOf(outputTokens)));
    }

    private static List<ScopeId> checkChain(List<ScopeId> chain) {
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a reservation needs at least one scope");
        }
        List<ScopeId> copy = List.copyOf(chain);
        if (copy.size() > 1 && new HashSet<>(copy).size() != copy.size()) {
            throw new IllegalArgumentException("a scope appears twice in " + describe(copy));
        }
        return copy;
    }

    private static void requireNonNegative(BigDecimal value, String what) {
        Objects.requireNonNull(value, what);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(what + " cannot be negative: " + value);
        }
    }

    private static String describe(List<ScopeId> chain) {
        StringBuilder text = new StringBuilder();
        for (ScopeId scope : chain) {
            text.append(text.length() == 0 ? "" : ", ").append(scope.describe());
        }
        return text.toString();
    }

    private record Binding(ScopeId scope, BigDecimal cap, BigDecimal settled, BigDecimal reserved,
            BigDecimal headroom) {

        BudgetExceededException refuse(BigDecimal needed, String detail) {
            return new BudgetExceededException(scope, cap, settled, reserved, needed, detail);
        }
    }

    private static final class Account {
        BigDecimal cap;
        BigDecimal settled = BigDecimal.ZERO;
        BigDecimal reserved = BigDecimal.ZERO;
        BigDecimal overrun = BigDecimal.ZERO;
        BigDecimal unsettledAfterCrash = BigDecimal.ZERO;
        int open;

        ScopeState snapshot(ScopeId scope) {
            return new ScopeState(scope, cap, settled, reserved, overrun, unsettledAfterCrash, open);
        }
    }
}
