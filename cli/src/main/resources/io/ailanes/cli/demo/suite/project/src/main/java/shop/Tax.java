package shop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sales tax by region. An order's tax is its net amount (after discounts) times the region's rate, rounded
 * half up to the cent; {@link #allocate} splits that tax across the order's lines for the invoice.
 */
public final class Tax {

    /** Rates in basis points (19% is 1,900). */
    private static final Map<String, Long> RATES = Map.of(
            "de", 1_900L,
            "fr", 2_000L,
            "nl", 2_100L,
            "uk", 2_000L,
            "ch", 810L,
            "us-or", 0L);

    private Tax() {
    }

    /**
     * The rate of {@code region} in basis points.
     *
     * @throws IllegalArgumentException for a region the shop does not sell to
     */
    public static long rate(String region) {
        Long rate = RATES.get(region.toLowerCase(Locale.ROOT));
        if (rate == null) {
            throw new IllegalArgumentException("no tax rate for region " + region);
        }
        return rate;
    }

    /** The tax on {@code net} in {@code region}, rounded half up to the cent. */
    public static Money on(Money net, String region) {
        return net.percent(rate(region));
    }

    /**
     * Splits {@code tax} across lines in proportion to their {@code amounts}, for the invoice's tax column.
     * The lines' shares must add up to {@code tax} exactly, to the cent: each line gets its exact share
     * rounded down, and the cents left over go one each to the lines with the largest fractional remainders
     * (on a tie, the earlier line first). When all amounts are zero, every share is zero.
     *
     * @param tax the order's tax, not negative
     * @param amounts each line's net amount, none negative
     * @return each line's share of the tax, in the order of {@code amounts}
     */
    public static List<Money> allocate(Money tax, List<Money> amounts) {
        long total = 0;
        for (Money amount : amounts) {
            total = Math.addExact(total, amount.cents());
        }
        List<Money> shares = new ArrayList<>(amounts.size());
        for (Money amount : amounts) {
            if (total == 0) {
                shares.add(Money.ZERO);
                continue;
            }
            long exact = Math.multiplyExact(tax.cents(), amount.cents());
            long share = exact / total;
            if ((exact % total) * 2 >= total) {
                share++;
            }
            shares.add(Money.ofCents(share));
        }
        return shares;
    }
}
