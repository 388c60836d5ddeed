package io.ailanes.engine.residency;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Region names as the configuration writes them ({@code eu}, {@code us}, {@code cn}, {@code sg}, {@code global}, or any
 * other short lower-case name an admin uses, e.g. {@code de}): checked, compared and shown the same way everywhere.
 * {@value #GLOBAL} is a region like the others: a provider that may process anywhere is allowed only where the policy
 * lists {@code global}.
 */
public final class DataRegions {

    /** The region of a provider that may process a request in any geography it chooses. */
    public static final String GLOBAL = "global";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private DataRegions() {}

    /** What is wrong with a region name, or null when it is a valid one. */
    public static String problem(String region) {
        if (region == null || region.isBlank()) {
            return "empty entry; write a region such as eu, us, cn or global";
        }
        if (!NAME.matcher(region.strip().toLowerCase(Locale.ROOT)).matches()) {
            return "'" + region + "' is not a region name; use letters, digits and '-', starting with a letter"
                    + " (e.g. eu, us, cn, sg, global)";
        }
        return null;
    }

    /** The names lower-cased, stripped and without repeats, in their order; the names must be valid. */
    public static List<String> normalize(Collection<String> regions) {
        Set<String> out = new LinkedHashSet<>();
        for (String region : regions) {
            String problem = problem(region);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            out.add(region.strip().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    /**
     * The regions both lists allow, in the order of {@code outer}: how a narrower scope (a folder, a risk class)
     * tightens the global {@code allowedRegions}. Null stands for "no restriction", so it gives the other list; two
     * nulls give null. Two lists with nothing in common give an empty list, which allows no provider.
     */
    public static List<String> intersect(List<String> outer, List<String> inner) {
        if (outer == null) {
            return inner == null ? null : normalize(inner);
        }
        if (inner == null) {
            return normalize(outer);
        }
        List<String> narrowed = new ArrayList<>(normalize(outer));
        narrowed.retainAll(normalize(inner));
        return List.copyOf(narrowed);
    }

    /** {@code [eu, us]}, as messages and reports show a list. */
    public static String format(Collection<String> regions) {
        return "[" + String.join(", ", regions) + "]";
    }
}
