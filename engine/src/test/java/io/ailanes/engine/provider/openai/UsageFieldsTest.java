package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UsageFields}: the streaming reading of a {@code usage} object gives the same {@link Usage} as the
 * tree reading, whatever each count holds.
 */
class UsageFieldsTest {

    /** Values a count may hold in the wild or by mistake. */
    private static final String[] VALUES = {
        "0", "1", "17", "-5", "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "123456789012345678901234567890", "12.0", "12.9", "-0.5", "1e3", "1.5E2", "9.3e18", "1e400", "\"12\"",
        "true", "null", "{}", "[]", "[3]", "{\"n\":3}",
    };
    private static final String[] COUNTS = {
        "prompt_tokens", "completion_tokens", "prompt_cache_hit_tokens", "prompt_cache_miss_tokens",
    };

    private static Usage streamed(String usage) throws Exception {
        try (JsonParser parser = Json.MAPPER.createParser(usage)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            Usage read = UsageFields.read(parser);
            assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            assertThat(parser.nextToken()).isNull(); // read to the object's end, no further
            return read;
        }
    }

    private static Usage tree(String usage) {
        return UsageFields.of(Json.tryParse(usage).orElseThrow());
    }

    @Test
    void everyValueOfEveryCountReadsAsTheTreeReadsIt() throws Exception {
        List<String> objects = new ArrayList<>();
        for (String value : VALUES) {
            for (String count : COUNTS) {
                // Each value in one count, beside ordinary values in the others.
                objects.add("{\"prompt_tokens\":40,\"completion_tokens\":30,\"" + count + "\":" + value + "}");
            }
            objects.add("{\"prompt_tokens\":40,\"prompt_tokens_details\":{\"cached_tokens\":" + value + "}}");
            objects.add("{\"completion_tokens\":30,\"completion_tokens_details\":{\"reasoning_tokens\":" + value + "}}");
            objects.add("{\"prompt_tokens\":40,\"prompt_tokens_details\":" + value + "}");
            objects.add("{\"completion_tokens\":30,\"completion_tokens_details\":" + value + "}");
            objects.add("{\"prompt_tokens\":40,\"prompt_cache_hit_tokens\":" + value + ",\"prompt_cache_miss_tokens\":25,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":7}}");
        }
        for (String usage : objects) {
            assertThat(streamed(usage)).as(usage).isEqualTo(tree(usage));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"prompt_tokens\":412,\"completion_tokens\":450,\"total_tokens\":862,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":256,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}",
        "{\"prompt_tokens\":20,\"completion_tokens\":120,\"prompt_tokens_details\":{\"cached_tokens\":8},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":100},\"prompt_cache_hit_tokens\":16,"
                + "\"prompt_cache_miss_tokens\":4}",
        "{\"completion_tokens\":5,\"completion_tokens_details\":{\"reasoning_tokens\":9}}",
        "{\"prompt_tokens\":10,\"prompt_tokens_details\":{\"cached_tokens\":50}}",
        "{\"prompt_tokens\":1,\"prompt_tokens\":2,\"prompt_tokens_details\":{\"cached_tokens\":1,\"cached_tokens\":2},"
                + "\"prompt_tokens_details\":{\"audio_tokens\":1}}",
        "{\"prompt_cache_hit_tokens\":3,\"prompt_cache_hit_tokens\":\"3\",\"prompt_tokens\":9}",
        "{\"x\":{\"prompt_tokens\":99},\"prompt_tokens\":9,\"y\":[{\"completion_tokens\":5}]}",
    })
    void shapesReadAsTheTreeReadsThem(String usage) throws Exception {
        assertThat(streamed(usage)).isEqualTo(tree(usage));
    }

    @Test
    void bucketsAreDisjoint() throws Exception {
        // OpenAI: prompt includes cached reads, completion includes reasoning.
        assertThat(streamed("{\"prompt_tokens\":100,\"completion_tokens\":50,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":64},\"completion_tokens_details\":{\"reasoning_tokens\":30}}"))
                .isEqualTo(new Usage(36, 64, 0, 0, 20, 30));
        // DeepSeek's hit count wins over prompt_tokens_details.
        assertThat(streamed("{\"prompt_tokens\":20,\"prompt_cache_hit_tokens\":16,\"prompt_cache_miss_tokens\":4,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":8}}"))
                .isEqualTo(new Usage(4, 16, 0, 0, 0, 0));
        // A cached count above the prompt is capped; reasoning above completion is counted apart.
        assertThat(streamed("{\"prompt_tokens\":10,\"prompt_tokens_details\":{\"cached_tokens\":50},"
                + "\"completion_tokens\":5,\"completion_tokens_details\":{\"reasoning_tokens\":9}}"))
                .isEqualTo(new Usage(0, 10, 0, 0, 5, 9));
    }

    @Test
    void aTreeThatIsNotAnObjectHasNoUsage() {
        assertThat(UsageFields.of(null)).isNull();
        assertThat(UsageFields.of(Json.tryParse("[1]").orElseThrow())).isNull();
        assertThat(UsageFields.of(Json.tryParse("12").orElseThrow())).isNull();
    }
}
