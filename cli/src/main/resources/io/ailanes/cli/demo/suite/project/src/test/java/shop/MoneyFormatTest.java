package shop;

/** How an invoice writes amounts: two decimals always, the sign before the currency. */
public final class MoneyFormatTest {

    public static void main(String[] args) throws Exception {
        Check check = new Check("MoneyFormatTest");
        check.equal("wholeAndCents", "$12.34", () -> Money.ofCents(1234).format());
        check.equal("centsBelowTen", "$3.05", () -> Money.ofCents(305).format());
        check.equal("onlyCents", "$0.07", () -> Money.ofCents(7).format());
        check.equal("zero", "$0.00", () -> Money.ZERO.format());
        check.equal("negative", "-$0.05", () -> Money.ofCents(-5).format());
        check.equal("roundTrip", "$1000.10", () -> Money.parse("1000.1").format());
        check.done();
    }
}
