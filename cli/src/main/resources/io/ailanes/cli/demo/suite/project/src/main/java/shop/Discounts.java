package shop;

import java.util.Locale;
import java.util.Map;

/**
 * The shop's discounts. An order discount is a percentage of the order's subtotal, given in basis points
 * (1% is 100 basis points) and capped at {@link #MAX_ORDER_DISCOUNT_BP}; coupon codes name such
 * percentages.
 */
public final class Discounts {

    /** No order discount may exceed half the subtotal. */
    public static final long MAX_ORDER_DISCOUNT_BP = 5_000;

    private static final Map<String, Long> COUPONS = Map.of(
            "WELCOME10", 1_000L,
            "SPRING15", 1_500L,
            "STAFF30", 3_000L);

    private Discounts() {
    }

    /**
     * The order discount on {@code subtotal} at {@code basisPoints}, rounded half up to the cent.
     *
     * @throws IllegalArgumentException when the basis points are negative or above the cap
     */
    public static Money orderDiscount(Money subtotal, long basisPoints) {
        if (basisPoints < 0 || basisPoints > MAX_ORDER_DISCOUNT_BP) {
            throw new IllegalArgumentException("an order discount is 0 to " + MAX_ORDER_DISCOUNT_BP
                    + " basis points, was " + basisPoints);
        }
        return subtotal.percent(basisPoints);
    }

    /** The discount a coupon code gives, in basis points; 0 for an unknown or blank code. */
    public static long couponBasisPoints(String code) {
        if (code == null || code.isBlank()) {
            return 0;
        }
        return COUPONS.getOrDefault(code.strip().toUpperCase(Locale.ROOT), 0L);
    }
}
