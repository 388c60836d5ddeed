package demo;

/** Splits a list of items into pages of a fixed size. */
public final class Pager {

    private Pager() {
    }

    /** How many pages {@code items} items fill at {@code size} items a page. */
    public static int pageCount(int items, int size) {
        return items / size;
    }

    /** The 0-based index of the first item on 0-based page {@code page}. */
    public static int firstItem(int page, int size) {
        return page * size;
    }
}
