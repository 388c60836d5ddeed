package io.ailanes.engine.option;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The review threshold: which severity reaches which value, their order, and which may be a risk class's floor. */
class FailOnTest {

    @Test
    void eachThresholdIsReachedByItsSeverityAndTheMoreSevereOnes() {
        assertThat(FailOn.HIGH.reachedBy("high")).isTrue();
        assertThat(FailOn.HIGH.reachedBy("medium")).isFalse();
        assertThat(FailOn.MEDIUM.reachedBy("high")).isTrue();
        assertThat(FailOn.MEDIUM.reachedBy("medium")).isTrue();
        assertThat(FailOn.MEDIUM.reachedBy("low")).isFalse();
        assertThat(FailOn.LOW.reachedBy("low")).isTrue();
        assertThat(FailOn.NEVER.reachedBy("high")).isFalse();
        // A severity the schema does not know reaches nothing, not even low.
        assertThat(FailOn.LOW.reachedBy("critical")).isFalse();
        assertThat(FailOn.LOW.reachedBy(null)).isFalse();
    }

    @Test
    void neverIsTheLoosestAndLowTheStrictest() {
        assertThat(FailOn.NEVER.looserThan(FailOn.HIGH)).isTrue();
        assertThat(FailOn.HIGH.looserThan(FailOn.MEDIUM)).isTrue();
        assertThat(FailOn.MEDIUM.looserThan(FailOn.LOW)).isTrue();
        assertThat(FailOn.LOW.looserThan(FailOn.MEDIUM)).isFalse();
        assertThat(FailOn.HIGH.looserThan(FailOn.HIGH)).isFalse();
    }

    @Test
    void everyThresholdButNeverIsAFloorAndTheSentenceNamesThem() {
        assertThat(FailOn.floors()).containsExactly(FailOn.HIGH, FailOn.MEDIUM, FailOn.LOW);
        assertThat(Choice.ids(FailOn.floors())).isEqualTo("high, medium or low");
        assertThat(Choice.ids(List.of(FailOn.NEVER))).isEqualTo("never");
        assertThat(Choice.ids(FailOn.class)).isEqualTo("high, medium, low or never");
    }
}
