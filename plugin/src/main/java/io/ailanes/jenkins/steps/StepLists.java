package io.ailanes.jenkins.steps;

import java.util.ArrayList;
import java.util.List;

/**
 * List parameters: a Jenkinsfile passes a real list; the snippet generator's textarea binds one string, one entry
 * per line. Both end up the same.
 */
final class StepLists {

    private StepLists() {}

    static List<String> lines(List<String> values) {
        List<String> result = new ArrayList<>();
        if (values == null) {
            return result;
        }
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String line : value.split("[\\r\\n]+")) {
                if (!line.isBlank()) {
                    result.add(line.strip());
                }
            }
        }
        return result;
    }

    /** For the snippet generator's textarea. */
    static String text(List<String> values) {
        return String.join("\n", values);
    }
}
