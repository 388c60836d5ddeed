package shop;

import java.util.ArrayList;
import java.util.List;

/** In cents: the lines' shares of the tax add up to the order's tax, the left-over cents going by largest remainder. */
public final class TaxAllocationTest {

    private static List<Money> amounts(String... amounts) {
        List<Money> list = new ArrayList<>();
        for (String amount : amounts) {
            list.add(Money.parse(amount));
        }
        return list;
    }

    private static String allocate(String tax, String... amounts) {
        return Tax.allocate(Money.parse(tax), amounts(amounts)).stream().map(Money::cents).toList().toString();
    }

    public static void main(String[] args) throws Exception {
        Check check = new Check("TaxAllocationTest");
        check.equal("exactSharesUnchanged", "[50, 25, 25]", () -> allocate("1.00", "0.50", "0.25", "0.25"));
        check.equal("tenCentsOverThreeEqualLines", "[4, 3, 3]", () -> allocate("0.10", "1.00", "1.00", "1.00"));
        check.equal("twoCentsOverThreeEqualLines", "[1, 1, 0]", () -> allocate("0.02", "1.00", "1.00", "1.00"));
        check.equal("remainderGoesToLargestFraction", "[6, 3, 1]",
                () -> allocate("0.10", "6.00", "2.50", "1.50"));
        check.equal("sevenCentsOverOneAndTwo", "[2, 5]", () -> allocate("0.07", "1.00", "2.00"));
        check.equal("zeroAmounts", "[0, 0]", () -> allocate("0.00", "0.00", "0.00"));
        check.equal("invoiceLineTaxesAddUpToTheOrderTax", true, () -> {
            Order order = new Order("A-2", "de", List.of(new LineItem("PEN", "Pen", Money.parse("0.35"), 1),
                    new LineItem("INK", "Ink", Money.parse("0.35"), 1), new LineItem("PAD", "Pad", Money.parse("0.35"), 1)), 0);
            List<Money> lines = new ArrayList<>();
            order.items().forEach(item -> lines.add(item.amount()));
            long sum = 0;
            for (Money share : Tax.allocate(order.tax(), lines)) {
                sum += share.cents();
            }
            return sum == order.tax().cents();
        });
        check.done();
    }
}
