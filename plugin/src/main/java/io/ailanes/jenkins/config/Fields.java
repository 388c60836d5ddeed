package io.ailanes.jenkins.config;

import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.ailanes.engine.option.Choice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between form fields and the engine's configuration values. Numbers are kept as the text the admin
 * wrote (so a form round trip and a Configuration as Code export give back exactly that text) and parsed when the
 * engine configuration is built.
 */
public final class Fields {

    private Fields() {}

    /**
     * Entries of a list field, one per line (and, where {@code commas}, also comma-separated): a textarea binds as a
     * single string, Configuration as Code as a real list; both end up the same.
     */
    public static List<String> entries(List<String> values, boolean commas) {
        List<String> result = new ArrayList<>();
        if (values == null) {
            return result;
        }
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : value.split(commas ? "[\\r\\n,]+" : "[\\r\\n]+")) {
                String trimmed = part.strip();
                if (!trimmed.isEmpty()) {
                    result.add(trimmed);
                }
            }
        }
        return result;
    }

    /** A form list of every value of {@code type}, labelled as the engine labels it. */
    public static <E extends Enum<E> & Choice> ListBoxModel items(Class<E> type) {
        ListBoxModel items = new ListBoxModel();
        for (E constant : type.getEnumConstants()) {
            items.add(constant.label(), constant.id());
        }
        return items;
    }

    /** A list shown in a textarea: one entry per line. */
    public static String text(List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }

    static String text(String value) {
        return Util.fixEmptyAndTrim(value);
    }

    /** A decimal, or null for an empty field. */
    static BigDecimal decimal(String path, String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + ": '" + text + "' is not a number");
        }
    }

    static Long whole(String path, String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return null;
        }
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(path + ": '" + text + "' is not a whole number");
        }
    }

    static Integer integer(String path, String value) {
        Long whole = whole(path, value);
        if (whole == null) {
            return null;
        }
        if (whole > Integer.MAX_VALUE || whole < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(path + ": " + whole + " is too large");
        }
        return whole.intValue();
    }

    static Double real(String path, String value) {
        BigDecimal decimal = decimal(path, value);
        return decimal == null ? null : decimal.doubleValue();
    }

    /** Form validation for an optional non-negative amount of USD. */
    static FormValidation checkUsd(String value, boolean positive) {
        try {
            BigDecimal amount = decimal("value", value);
            if (amount != null && (positive ? amount.signum() <= 0 : amount.signum() < 0)) {
                return FormValidation.error(positive ? "Must be a positive amount of USD" : "Must not be negative");
            }
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error("Not a number");
        }
    }

    /** Form validation for an optional whole number of at least {@code min}. */
    static FormValidation checkWhole(String value, long min) {
        try {
            Long number = whole("value", value);
            if (number != null && number < min) {
                return FormValidation.error("Must be at least " + min);
            }
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error("Not a whole number");
        }
    }

    /** Form validation for an optional duration such as {@code 30s}, {@code 2m} or {@code 500ms}. */
    static FormValidation checkDuration(String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return FormValidation.ok();
        }
        try {
            io.ailanes.engine.config.Durations.parse(text);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
