package io.ailanes.engine.review;

import io.ailanes.engine.option.FailOn;
import java.util.List;

/**
 * A reviewer's verdict and findings ({@code review.schema.json}).
 *
 * @param verdict {@code approve} or {@code request_changes}
 * @param summary the review in a few sentences
 * @param findings what the reviewer found, most severe first
 */
public record Review(String verdict, String summary, List<Finding> findings) {

    public Review {
        findings = List.copyOf(findings);
    }

    /** One finding. */
    public record Finding(String severity, String file, int line, String category, String message, String suggestion) {}

    /** Whether any finding is at or above the threshold. */
    public boolean fails(FailOn failOn) {
        return findings.stream().anyMatch(f -> failOn.reachedBy(f.severity()));
    }

    public long count(String severity) {
        return findings.stream().filter(f -> f.severity().equals(severity)).count();
    }

    /** The findings as every summary line says them: {@code 0 high, 1 medium, 2 low}. */
    public String counts() {
        return counts(count("high"), count("medium"), count("low"));
    }

    /** Counts kept elsewhere (a Jenkins build's record), said the same way. */
    public static String counts(long high, long medium, long low) {
        return high + " high, " + medium + " medium, " + low + " low";
    }
}
