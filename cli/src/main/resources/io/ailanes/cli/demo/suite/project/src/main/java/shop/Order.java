package shop;

import java.util.List;
import java.util.Objects;

/**
 * An order: its lines, an order discount in basis points and the region whose tax applies.
 * Amounts are derived, never stored: subtotal, then the discount, the net amount, the tax and the total.
 */
public final class Order {

    private final String id;
    private final String region;
    private final List<LineItem> items;
    private final long discountBasisPoints;

    /**
     * @param id the order number shown on the invoice
     * @param region a region {@link Tax} knows
     * @param items the lines, at least one
     * @param discountBasisPoints the order discount (0 for none; see {@link Discounts})
     */
    public Order(String id, String region, List<LineItem> items, long discountBasisPoints) {
        this.id = Objects.requireNonNull(id, "id");
        this.region = Objects.requireNonNull(region, "region");
        this.items = List.copyOf(items);
        this.discountBasisPoints = discountBasisPoints;
        if (this.items.isEmpty()) {
            throw new IllegalArgumentException("order " + id + " has no lines");
        }
        Tax.rate(region); // fails early for a region without a rate
    }

    /** An order with the discount of a coupon code (none for an unknown code). */
    public static Order withCoupon(String id, String region, List<LineItem> items, String coupon) {
        return new Order(id, region, items, Discounts.couponBasisPoints(coupon));
    }

    public String id() {
        return id;
    }

    public String region() {
        return region;
    }

    public List<LineItem> items() {
        return items;
    }

    public long discountBasisPoints() {
        return discountBasisPoints;
    }

    /** The sum of the lines' amounts. */
    public Money subtotal() {
        Money sum = Money.ZERO;
        for (LineItem item : items) {
            sum = sum.plus(item.amount());
        }
        return sum;
    }

    /** The order discount on the subtotal. */
    public Money discount() {
        return Discounts.orderDiscount(subtotal(), discountBasisPoints);
    }

    /** Subtotal minus discount: what tax is charged on. */
    public Money net() {
        return subtotal().minus(discount());
    }

    public Money tax() {
        return Tax.on(net(), region);
    }

    public Money total() {
        return net().plus(tax());
    }
}
