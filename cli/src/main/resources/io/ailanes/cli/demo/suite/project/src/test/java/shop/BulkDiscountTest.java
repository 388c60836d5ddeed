package shop;

import java.util.List;

/**
 * Bulk tiers (amounts in cents): a line of 10 to 49 units gets 5% off, a line of 50 or more 10% off, before the order
 * discount; the invoice names the tier on the line.
 */
public final class BulkDiscountTest {

    private static Order order(int quantity, String unitPrice, long discountBasisPoints) {
        return new Order("A-1", "de", List.of(new LineItem("MUG-BLUE", "Blue mug", Money.parse(unitPrice), quantity)),
                discountBasisPoints);
    }

    public static void main(String[] args) throws Exception {
        Check check = new Check("BulkDiscountTest");
        check.equal("nineUnitsNoTier", 1800L, () -> order(9, "2.00", 0).subtotal().cents());
        check.equal("tenUnitsGetFivePercent", 1900L, () -> order(10, "2.00", 0).subtotal().cents());
        check.equal("fortyNineUnits", 4655L, () -> order(49, "1.00", 0).subtotal().cents());
        check.equal("fiftyUnitsGetTenPercent", 4500L, () -> order(50, "1.00", 0).subtotal().cents());
        check.equal("orderDiscountAfterBulk", 8550L, () -> order(20, "5.00", 1_000).net().cents());
        check.equal("taxOnTheNetAfterBulk", 10175L, () -> order(20, "5.00", 1_000).total().cents());
        check.equal("invoiceNamesTheTier", true, () -> Invoice.render(order(10, "2.00", 0)).contains("bulk 5%"));
        check.done();
    }
}
