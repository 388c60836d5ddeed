package shop;

import java.util.Objects;

/**
 * One line of an order: a product (its SKU and description), its unit price and how many were ordered.
 *
 * @param sku the stock-keeping unit, e.g. {@code "MUG-BLUE"}
 * @param description what the invoice prints for the line
 * @param unitPrice the price of one unit, before any discount
 * @param quantity how many units, at least 1
 */
public record LineItem(String sku, String description, Money unitPrice, int quantity) {

    public LineItem {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (sku.isBlank()) {
            throw new IllegalArgumentException("a line item needs a SKU");
        }
        if (unitPrice.isNegative()) {
            throw new IllegalArgumentException("negative unit price for " + sku + ": " + unitPrice);
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity of " + sku + " must be at least 1, was " + quantity);
        }
    }

    /** The unit price times the quantity, before any discount. */
    public Money amount() {
        return unitPrice.times(quantity);
    }
}
