package io.ailanes.engine.option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value of a step parameter or option with a fixed set of values ({@code format}, {@code onFailure},
 * {@code failOn}): its name as a Jenkinsfile and the CLI write it, and how a form lists it. The enum is the one
 * owner of the set, so the Jenkins step's checks, its form's list and the CLI's option cannot drift apart.
 */
public interface Choice {

    /** The value as written: the constant's name in lower case, {@code -} for {@code _} ({@code search-replace}). */
    default String id() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** How a form lists the value: {@code search/replace blocks}. */
    String label();

    /**
     * The constant whose {@link #id()} is {@code value} (ignoring case and surrounding blanks).
     *
     * @param parameter how the parameter is named where the value came from ({@code format}, {@code --format}),
     *     for the message
     * @throws IllegalArgumentException naming the parameter, every allowed value and the value given
     */
    static <E extends Enum<E> & Choice> E parse(Class<E> type, String value, String parameter) {
        if (value != null) {
            String wanted = value.strip().toLowerCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (constant.id().equals(wanted)) {
                    return constant;
                }
            }
        }
        throw new IllegalArgumentException(parameter + " must be " + ids(type) + ", not '" + value + "'");
    }

    /** The allowed values as a sentence: {@code keep or revert}, {@code high, medium, low or never}. */
    static <E extends Enum<E> & Choice> String ids(Class<E> type) {
        return ids(List.of(type.getEnumConstants()));
    }

    /** Some of a choice's values as a sentence: {@code high, medium or low}. */
    static String ids(List<? extends Choice> values) {
        List<String> ids = new ArrayList<>();
        for (Choice value : values) {
            ids.add(value.id());
        }
        return ids.size() == 1 ? ids.get(0)
                : String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.get(ids.size() - 1);
    }
}
