package io.ailanes.engine.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Strings to small codes and back: steps, lanes, models and outcomes repeat in every row. */
final class Dict {

    static final int NONE = -1;

    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> values = new ArrayList<>();

    int code(String value) {
        if (value == null) {
            return NONE;
        }
        Integer code = codes.get(value);
        if (code == null) {
            code = values.size();
            codes.put(value, code);
            values.add(value);
        }
        return code;
    }

    String value(int code) {
        return code == NONE ? null : values.get(code);
    }

    int size() {
        return values.size();
    }
}
