package shop;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders an order as a plain-text invoice: one row per line with its quantity, unit price, amount and
 * share of the tax, then the subtotal, discount, tax and total.
 */
public final class Invoice {

    private Invoice() {
    }

    /** The invoice of {@code order}, lines separated by {@code \n}. */
    public static String render(Order order) {
        StringBuilder out = new StringBuilder();
        out.append("Invoice ").append(order.id()).append(" (").append(order.region()).append(")\n");
        List<Money> amounts = new ArrayList<>();
        for (LineItem item : order.items()) {
            amounts.add(item.amount());
        }
        List<Money> taxes = Tax.allocate(order.tax(), amounts);
        for (int i = 0; i < order.items().size(); i++) {
            LineItem item = order.items().get(i);
            out.append(row(item.sku(), item.quantity() + " x " + item.unitPrice().format(),
                    item.amount().format(), "tax " + taxes.get(i).format()));
        }
        out.append(total("Subtotal", order.subtotal()));
        if (!order.discount().isZero()) {
            out.append(total("Discount", order.discount().times(-1)));
        }
        out.append(total("Tax " + percent(Tax.rate(order.region())), order.tax()));
        out.append(total("Total", order.total()));
        return out.toString();
    }

    private static String row(String sku, String quantity, String amount, String note) {
        return String.format("  %-12s %14s %12s  %s\n", sku, quantity, amount, note);
    }

    private static String total(String label, Money amount) {
        return String.format("  %-27s %12s\n", label, amount.format());
    }

    /** Basis points as a percentage: 1900 is "19%", 810 is "8.1%". */
    static String percent(long basisPoints) {
        return basisPoints % 100 == 0 ? basisPoints / 100 + "%" : basisPoints / 100.0 + "%";
    }
}
