package shop;

/**
 * An amount of money in whole cents. Every amount in the shop is a Money: prices, discounts, taxes and
 * totals are computed in cents, so no floating-point rounding ever reaches an invoice.
 */
public record Money(long cents) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    /** {@code cents} cents. */
    public static Money ofCents(long cents) {
        return new Money(cents);
    }

    /**
     * Parses an amount written with at most two decimals: {@code "12.34"}, {@code "-0.05"}, {@code "7"}.
     *
     * @throws IllegalArgumentException when the text is not such an amount
     */
    public static Money parse(String text) {
        String t = text.strip();
        boolean negative = t.startsWith("-");
        if (negative) {
            t = t.substring(1);
        }
        int dot = t.indexOf('.');
        try {
            long units = Long.parseLong(dot < 0 ? t : t.substring(0, dot));
            long cents = 0;
            if (dot >= 0) {
                String fraction = t.substring(dot + 1);
                if (fraction.isEmpty() || fraction.length() > 2) {
                    throw new IllegalArgumentException("not an amount with at most two decimals: " + text);
                }
                cents = Long.parseLong((fraction + "0").substring(0, 2));
            }
            long total = Math.addExact(Math.multiplyExact(units, 100), cents);
            return new Money(negative ? -total : total);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an amount: " + text, e);
        }
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(cents, other.cents));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(cents, other.cents));
    }

    public Money times(long quantity) {
        return new Money(Math.multiplyExact(cents, quantity));
    }

    /**
     * This amount times {@code basisPoints} / 10,000 (1% is 100 basis points), rounded half up to the cent,
     * away from zero for negative amounts.
     */
    public Money percent(long basisPoints) {
        long scaled = Math.multiplyExact(cents, basisPoints);
        long whole = scaled / 10_000;
        long rest = Math.abs(scaled % 10_000);
        return new Money(rest * 2 >= 10_000 ? whole + Long.signum(scaled) : whole);
    }

    public boolean isNegative() {
        return cents < 0;
    }

    public boolean isZero() {
        return cents == 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(cents, other.cents);
    }

    /** The amount as an invoice shows it: {@code "$12.34"}, {@code "-$0.05"}, {@code "$0.00"}. */
    public String format() {
        long abs = Math.abs(cents);
        return (cents < 0 ? "-" : "") + "$" + abs / 100 + "." + abs % 100;
    }

    @Override
    public String toString() {
        return format();
    }
}
