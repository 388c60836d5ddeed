package io.ailanes.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetLedgerTest {

    private static final ScopeId CALL = ScopeId.call("myjob#42/plan/1");
    private static final ScopeId STEP = ScopeId.step("myjob#42/plan");
    private static final ScopeId BUILD = ScopeId.build("myjob", 42);
    private static final ScopeId MONTH = new ScopeId(ScopeKind.JOB_MONTH, "myjob@2026-11");
    private static final ScopeId DAY = new ScopeId(ScopeKind.GLOBAL_DAY, "2026-11-05");
    private static final List<ScopeId> CHAIN = List.of(CALL, STEP, BUILD, MONTH, DAY);
    /** $0.04 per 512 tokens. */
    private static final BigDecimal OUT = new BigDecimal("0.000078125");

    private final InMemoryLedgerStore store = new InMemoryLedgerStore();
    private final BudgetLedger ledger = new BudgetLedger(store);

    private static BigDecimal usd(String value) {
        return new BigDecimal(value);
    }

    @Test
    void reserveHoldsAgainstEveryScopeAndSettleReleasesTheRest() {
        ledger.setCap(BUILD, usd("5.00"));
        Reservation r = ledger.reserve(CHAIN, usd("0.30"));

        for (ScopeId scope : CHAIN) {
            assertThat(ledger.state(scope).reserved()).as(scope.describe()).isEqualByComparingTo("0.30");
            assertThat(ledger.state(scope).openReservations()).isEqualTo(1);
        }
        assertThat(ledger.state(BUILD).headroom()).isEqualByComparingTo("4.70");
        assertThat(ledger.state(MONTH).headroom()).isNull();

        Settlement s = ledger.settle(r, usd("0.12"));

        assertThat(s.released()).isEqualByComparingTo("0.18");
        assertThat(s.overrun()).isEqualByComparingTo("0");
        assertThat(s.isOverrun()).isFalse();
        for (ScopeId scope : CHAIN) {
            ScopeState state = ledger.state(scope);
            assertThat(state.settled()).as(scope.describe()).isEqualByComparingTo("0.12");
            assertThat(state.reserved()).isEqualByComparingTo("0");
            assertThat(state.openReservations()).isZero();
            assertThat(state.hasOverrun()).isFalse();
        }
        assertThat(ledger.state(BUILD).headroom()).isEqualByComparingTo("4.88");
        assertThat(store.events()).containsExactly(
                LedgerEvent.reserve(r.id(), CHAIN, usd("0.30")), LedgerEvent.settle(r.id(), usd("0.12")));
    }

    @Test
    void refusalNamesTheScopeItsCapSpendReservedAndWhatTheCallNeededAtTheFloor() {
        ledger.setCap(BUILD, usd("5.00"));
        ledger.settle(ledger.reserve(CHAIN, usd("4.93")), usd("4.93"));
        Reservation other = ledger.reserve(List.of(ScopeId.call("other"), BUILD), usd("0.02"));

        assertThatThrownBy(() -> ledger.reserveFitting(CHAIN, usd("0.08"), OUT, 4096, 512))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e).hasMessage("budget refused: build \"myjob#42\" cap $5.00, spent $4.93"
                            + " (reserved $0.02 more), call needs at least $0.12"
                            + " (input $0.08 + 512 output tokens $0.04)");
                    assertThat(e.scope()).isEqualTo(BUILD);
                    assertThat(e.cap()).isEqualByComparingTo("5.00");
                    assertThat(e.settled()).isEqualByComparingTo("4.93");
                    assertThat(e.reservedByOthers()).isEqualByComparingTo("0.02");
                    assertThat(e.needed()).isEqualByComparingTo("0.12");
                });
        // Nothing was held anywhere: the chain is all or nothing.
        assertThat(ledger.state(CALL).reserved()).isEqualByComparingTo("0");
        assertThat(ledger.state(DAY).reserved()).isEqualByComparingTo("0");
        assertThat(ledger.state(BUILD).reserved()).isEqualByComparingTo("0.02");
        assertThat(ledger.openReservations()).containsExactly(other);
    }

    @Test
    void plainReserveRefusalHasNoBreakdown() {
        ledger.setCap(DAY, usd("1"));

        assertThatThrownBy(() -> ledger.reserve(CHAIN, usd("1.000001")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("budget refused: global day \"2026-11-05\" cap $1.00, spent $0.00 (reserved $0.00 more),"
                        + " call needs at least $1.000001");
    }

    @Test
    void fittingGrantsTheMaximumWhenItFits() {
        ledger.setCap(BUILD, usd("5.00"));

        Reservation r = ledger.reserveFitting(CHAIN, usd("0.08"), OUT, 4096, 512);

        assertThat(r.outputTokens()).isEqualTo(4096);
        assertThat(r.requestedOutputTokens()).isEqualTo(4096);
        assertThat(r.lowered()).isFalse();
        assertThat(r.loweredReason()).isNull();
        assertThat(r.amount()).isEqualByComparingTo("0.40"); // 0.08 + 4096 x 0.000078125
    }

    @Test
    void fittingLowersOutputTokensToTheSmallestHeadroomOfTheChain() {
        ledger.setCap(BUILD, usd("5.00"));
        ledger.setCap(MONTH, usd("0.20"));

        Reservation r = ledger.reserveFitting(CHAIN, usd("0.08"), OUT, 4096, 512);

        // (0.20 - 0.08) / 0.000078125 = 1536 tokens exactly
        assertThat(r.outputTokens()).isEqualTo(1536);
        assertThat(r.requestedOutputTokens()).isEqualTo(4096);
        assertThat(r.amount()).isEqualByComparingTo("0.20");
        assertThat(r.lowered()).isTrue();
        assertThat(r.loweredReason())
                .isEqualTo("lowered from 4096 to 1536 output tokens to fit job month \"myjob@2026-11\" (headroom $0.20)");
        assertThat(ledger.state(MONTH).headroom()).isEqualByComparingTo("0");
    }

    @Test
    void fittingRoundsTokensDownNeverOverTheHeadroom() {
        ledger.setCap(BUILD, usd("0.1000781"));

        Reservation r = ledger.reserveFitting(CHAIN, usd("0.08"), OUT, 4096, 1);

        assertThat(r.outputTokens()).isEqualTo(256); // 256.00xx tokens afford, 257 would not
        assertThat(r.amount()).isEqualByComparingTo("0.1");
        assertThat(ledger.state(BUILD).headroom()).isEqualByComparingTo("0.0000781");
    }

    @Test
    void fittingAtExactlyTheFloorIsGrantedBelowItRefused() {
        ledger.setCap(STEP, usd("0.12"));
        Reservation atFloor = ledger.reserveFitting(CHAIN, usd("0.08"), OUT, 4096, 512);
        assertThat(atFloor.outputTokens()).isEqualTo(512);
        ledger.release(atFloor);

        ledger.setCap(STEP, usd("0.119999"));
        assertThatThrownBy(() -> ledger.reserveFitting(CHAIN, usd("0.08"), OUT, 4096, 512))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("budget refused: step \"myjob#42/plan\" cap $0.119999, spent $0.00 (reserved $0.00 more),"
                        + " call needs at least $0.12 (input $0.08 + 512 output tokens $0.04)");
    }

    @Test
    void fittingRefusesWhenTheInputAloneDoesNotFit() {
        ledger.setCap(CALL, usd("0.05"));

        assertThatThrownBy(() -> ledger.reserveFitting(CHAIN, usd("0.08"), BigDecimal.ZERO, 100, 1))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("budget refused: call \"myjob#42/plan/1\" cap $0.05, spent $0.00 (reserved $0.00 more),"
                        + " call needs at least $0.08 (input $0.08 + 1 output tokens $0.00)");
    }

    @Test
    void uncappedScopesOnlyTrack() {
        Reservation r = ledger.reserveFitting(CHAIN, usd("1000"), OUT, 100_000, 1);

        assertThat(r.outputTokens()).isEqualTo(100_000);
        assertThat(ledger.state(DAY).reserved()).isEqualByComparingTo("1007.8125");
    }

    @Test
    void reservationsUpToTheCapExactlyFitOneMoreCentDoesNot() {
        ledger.setCap(BUILD, usd("1.00"));
        ledger.reserve(CHAIN, usd("0.60"));
        ledger.reserve(List.of(BUILD), usd("0.40"));

        assertThat(ledger.state(BUILD).headroom()).isEqualByComparingTo("0");
        assertThatThrownBy(() -> ledger.reserve(List.of(BUILD), usd("0.01")))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("spent $0.00 (reserved $1.00 more), call needs at least $0.01");
        assertThat(ledger.reserve(List.of(BUILD), BigDecimal.ZERO).amount()).isEqualByComparingTo("0");
    }

    @Test
    void aBillAboveTheReservationIsRecordedInFullAndFlaggedAsOverrun() {
        ledger.setCap(BUILD, usd("1.00"));
        Reservation r = ledger.reserve(CHAIN, usd("0.90"));

        Settlement s = ledger.settle(r, usd("1.05"));

        assertThat(s.isOverrun()).isTrue();
        assertThat(s.overrun()).isEqualByComparingTo("0.15");
        assertThat(s.released()).isEqualByComparingTo("0");
        ScopeState build = ledger.state(BUILD);
        assertThat(build.settled()).isEqualByComparingTo("1.05");
        assertThat(build.overrun()).isEqualByComparingTo("0.15");
        assertThat(build.hasOverrun()).isTrue();
        assertThat(build.headroom()).isEqualByComparingTo("-0.05");
        assertThat(ledger.state(DAY).overrun()).isEqualByComparingTo("0.15");
        assertThatThrownBy(() -> ledger.reserve(CHAIN, BigDecimal.ZERO))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("budget refused: build \"myjob#42\" cap $1.00, spent $1.05 (reserved $0.00 more),"
                        + " call needs at least $0.00");
    }

    @Test
    void aFailedCallSettlesWhatWasBilledAndReleasesTheRest() {
        Reservation unbilled = ledger.reserve(CHAIN, usd("0.50"));
        Reservation partlyBilled = ledger.reserve(CHAIN, usd("0.50"));

        Settlement released = ledger.release(unbilled);
        Settlement settled = ledger.settle(partlyBilled, usd("0.01"));

        assertThat(released.released()).isEqualByComparingTo("0.50");
        assertThat(settled.released()).isEqualByComparingTo("0.49");
        assertThat(ledger.state(BUILD).settled()).isEqualByComparingTo("0.01");
        assertThat(ledger.state(BUILD).reserved()).isEqualByComparingTo("0");
        assertThat(store.events()).extracting(LedgerEvent::type).containsExactly(
                LedgerEvent.Type.RESERVE, LedgerEvent.Type.RESERVE, LedgerEvent.Type.RELEASE, LedgerEvent.Type.SETTLE);
    }

    @Test
    void settlingTwiceIsAnErrorAndNeverDoubleCounts() {
        Reservation r = ledger.reserve(CHAIN, usd("0.50"));
        ledger.settle(r, usd("0.20"));

        assertThatThrownBy(() -> ledger.settle(r, usd("0.20")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("reservation 1 is already settled or released");
        assertThatThrownBy(() -> ledger.release(r))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("reservation 1 is already settled or released");
        assertThat(ledger.state(BUILD).settled()).isEqualByComparingTo("0.20");
        assertThat(store.events()).hasSize(2);

        Reservation released = ledger.reserve(CHAIN, usd("0.10"));
        ledger.release(released);
        assertThatThrownBy(() -> ledger.settle(released, usd("0.10")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("reservation 2 is already settled or released");
        assertThat(ledger.state(BUILD).settled()).isEqualByComparingTo("0.20");
    }

    @Test
    void aReservationFromAnotherLedgerIsRejected() {
        Reservation foreign = BudgetLedger.inMemory().reserve(CHAIN, usd("0.10"));
        Reservation mine = ledger.reserve(List.of(BUILD), usd("0.10"));

        assertThatThrownBy(() -> ledger.settle(foreign, usd("0.10")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reservation 1 does not belong to this ledger");
        assertThat(ledger.openReservations()).containsExactly(mine);
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> ledger.reserve(List.of(), usd("1")))
                .hasMessage("a reservation needs at least one scope");
        assertThatThrownBy(() -> ledger.reserve(List.of(BUILD, BUILD), usd("1")))
                .hasMessage("a scope appears twice in build \"myjob#42\", build \"myjob#42\"");
        assertThatThrownBy(() -> ledger.reserve(CHAIN, usd("-1")))
                .hasMessage("amount cannot be negative: -1");
        assertThatThrownBy(() -> ledger.reserveFitting(CHAIN, usd("0.1"), OUT, 100, 101))
                .hasMessage("output tokens need 1 <= floor <= max, got floor 101 and max 100");
        assertThatThrownBy(() -> ledger.reserveFitting(CHAIN, usd("0.1"), OUT, 100, 0))
                .hasMessage("output tokens need 1 <= floor <= max, got floor 0 and max 100");
        assertThatThrownBy(() -> ledger.setCap(BUILD, usd("-0.01")))
                .hasMessage("the cap of build \"myjob#42\" cannot be negative: -0.01");
        Reservation r = ledger.reserve(CHAIN, usd("0.1"));
        assertThatThrownBy(() -> ledger.settle(r, usd("-0.1")))
                .hasMessage("actual cost cannot be negative: -0.1");
        assertThat(ledger.openReservations()).containsExactly(r);
    }

    @Test
    void statesListEveryScopeConsistently() {
        ledger.setCap(BUILD, usd("2"));
        ledger.settle(ledger.reserve(CHAIN, usd("0.5")), usd("0.25"));
        ledger.reserve(List.of(BUILD, MONTH), usd("0.5"));

        assertThat(ledger.states()).hasSize(5).allSatisfy(state -> assertThat(state.settled())
                .isEqualByComparingTo("0.25"));
        assertThat(ledger.states()).filteredOn(s -> s.scope().equals(BUILD)).singleElement().satisfies(s -> {
            assertThat(s.cap()).isEqualByComparingTo("2");
            assertThat(s.reserved()).isEqualByComparingTo("0.5");
            assertThat(s.committed()).isEqualByComparingTo("0.75");
            assertThat(s.headroom()).isEqualByComparingTo("1.25");
        });
        assertThat(ledger.state(ScopeId.build("never-seen")).settled()).isEqualByComparingTo("0");
    }

    @Test
    void calendarScopesAreKeyedInUtc() {
        // 23:30 in New York on 30 November is already 1 December in UTC.
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T04:30:00Z"), ZoneId.of("America/New_York"));

        assertThat(ScopeId.jobMonth("myjob", clock)).isEqualTo(new ScopeId(ScopeKind.JOB_MONTH, "myjob@2026-12"));
        assertThat(ScopeId.globalDay(clock)).isEqualTo(new ScopeId(ScopeKind.GLOBAL_DAY, "2026-12-01"));
        assertThat(ScopeId.build("myjob", 42).describe()).isEqualTo("build \"myjob#42\"");
        assertThat(ScopeId.jobMonth("myjob", clock).describe()).isEqualTo("job month \"myjob@2026-12\"");
        assertThatThrownBy(() -> ScopeId.step(" ")).hasMessage("a step scope needs a key");
    }

    @Test
    void amountsAreShownExactlyWithAtLeastCents() {
        assertThat(Usd.format(usd("5"))).isEqualTo("$5.00");
        assertThat(Usd.format(usd("4.930"))).isEqualTo("$4.93");
        assertThat(Usd.format(usd("0.000375"))).isEqualTo("$0.000375");
        assertThat(Usd.format(usd("1E+3"))).isEqualTo("$1000.00");
        assertThat(Usd.format(usd("-0.05"))).isEqualTo("-$0.05");
    }
}
