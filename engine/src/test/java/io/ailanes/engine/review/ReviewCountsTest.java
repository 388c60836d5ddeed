package io.ailanes.engine.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one wording of a review's findings, shared by the CLI's lines and the Jenkins build page. */
class ReviewCountsTest {

    @Test
    void countsEachSeverityInOrder() {
        Review review = new Review("request_changes", "Two problems.", List.of(
                new Review.Finding("high", "a.java", 1, "correctness", "wrong", null),
                new Review.Finding("low", "b.java", 2, "style", "long line", null),
                new Review.Finding("low", "c.java", 3, "style", "long line", null)));
        assertThat(review.counts()).isEqualTo("1 high, 0 medium, 2 low");
        assertThat(Review.counts(0, 4, 1)).isEqualTo("0 high, 4 medium, 1 low");
    }
}
