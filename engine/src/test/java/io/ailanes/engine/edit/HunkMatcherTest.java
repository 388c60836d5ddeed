package io.ailanes.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The indexOf search finds exactly what the line pattern finds, on texts it is allowed to take. */
class HunkMatcherTest {

    private static final String ALPHABET = "ab \n\n";

    @Test
    void theFastSearchAgreesWithThePatternOnRandomTexts() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            String original = random(random, random.nextInt(60));
            for (int k = 0; k < 40; k++) {
                String search = random.nextBoolean() && original.length() > 1
                        ? substring(random, original) : random(random, 1 + random.nextInt(6));
                HunkMatcher.Found fast = HunkMatcher.find(original, search);
                HunkMatcher.Found pattern = HunkMatcher.findByPattern(original, search);
                assertThat(fast).as("seed %d, original %s, search %s", seed, show(original), show(search))
                        .isEqualTo(pattern);
            }
        }
    }

    @Test
    void textsWithCarriageReturnsOrAByteOrderMarkGoByThePattern() {
        assertThat(HunkMatcher.find("a\r\nb\r\n", "a\nb\n")).isEqualTo(new HunkMatcher.Found(1, 0, 6));
        assertThat(HunkMatcher.find("\uFEFFa\nb\n", "a\n")).isEqualTo(new HunkMatcher.Found(1, 1, 3));
        assertThat(HunkMatcher.find("xa\na\n", "a\n")).isEqualTo(new HunkMatcher.Found(1, 3, 5));
        assertThat(HunkMatcher.find("a\nb", "b\n")).isEqualTo(new HunkMatcher.Found(1, 2, 3));
    }

    private static String random(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static String substring(Random random, String text) {
        int a = random.nextInt(text.length() - 1);
        int b = a + 1 + random.nextInt(text.length() - a - 1);
        return text.substring(a, b);
    }

    private static String show(String text) {
        return "'" + text.replace("\n", "\\n") + "'";
    }
}
