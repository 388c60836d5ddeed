package io.ailanes.engine.provider.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The counts of a Chat Completions {@code usage} object, read from a tree or straight from the streaming
 * parser (a tree for these few numbers cost a quarter of reading a whole 2 KB reply), and turned into
 * disjoint {@link Usage} buckets by one function.
 *
 * <p>Both readings count alike: a count that is missing, null, not a number, not positive or beyond a long
 * is 0; a fraction counts its whole part; for a repeated member the last one wins.
 */
final class UsageFields {

    private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    private long prompt;
    private long cacheHit;
    private boolean cacheHitIsNumber;
    private long cacheMiss;
    private long cached;
    private long completion;
    private long reasoning;

    private UsageFields() {}

    /** Usage from a {@code usage} tree, or null if it is null or not an object. */
    static Usage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        UsageFields fields = new UsageFields();
        fields.prompt = Json.count(usage, "prompt_tokens");
        fields.cacheHit = Json.count(usage, "prompt_cache_hit_tokens");
        fields.cacheHitIsNumber = Json.hasNumber(usage, "prompt_cache_hit_tokens");
        fields.cacheMiss = Json.count(usage, "prompt_cache_miss_tokens");
        fields.cached = Json.count(usage, "prompt_tokens_details", "cached_tokens");
        fields.completion = Json.count(usage, "completion_tokens");
        fields.reasoning = Json.count(usage, "completion_tokens_details", "reasoning_tokens");
        return fields.toUsage();
    }

    /** Usage from the parser, which is on the {@code usage} object's start; reads to the object's end. */
    static Usage read(JsonParser parser) throws IOException {
        UsageFields fields = new UsageFields();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "prompt_tokens" -> fields.prompt = count(parser, value);
                case "completion_tokens" -> fields.completion = count(parser, value);
                case "prompt_cache_hit_tokens" -> {
                    fields.cacheHitIsNumber = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT;
                    fields.cacheHit = count(parser, value);
                }
                case "prompt_cache_miss_tokens" -> fields.cacheMiss = count(parser, value);
                case "prompt_tokens_details" -> fields.cached = nestedCount(parser, value, "cached_tokens");
                case "completion_tokens_details" -> fields.reasoning = nestedCount(parser, value, "reasoning_tokens");
                default -> parser.skipChildren();
            }
        }
        return fields.toUsage();
    }

    /** The disjoint buckets: OpenAI's prompt includes cached reads, its completion includes reasoning. */
    private Usage toUsage() {
        // DeepSeek splits prompt_tokens into hit + miss; trust the larger if a server omits prompt_tokens.
        long input = Math.max(prompt, cacheHit + cacheMiss);
        long cachedRead = Math.min(cacheHitIsNumber ? cacheHit : cached, input); // DeepSeek's own field first
        // A server reporting more reasoning than completion tokens counts them apart, and then both are billed.
        long visible = reasoning <= completion ? completion - reasoning : completion;
        return new Usage(input - cachedRead, cachedRead, 0, 0, visible, reasoning);
    }

    /** {@code member} of the object the parser is on (0 if it is not an object or lacks the member). */
    private static long nestedCount(JsonParser parser, JsonToken value, String member) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return 0;
        }
        long count = 0;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken inner = parser.nextToken();
            if (name.equals(member)) {
                count = count(parser, inner);
            } else {
                parser.skipChildren();
            }
        }
        return count;
    }

    /** As {@link Json#count}: a whole number in a long's range (a fraction's whole part), if positive. */
    private static long count(JsonParser parser, JsonToken value) throws IOException {
        long count;
        if (value == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                BigInteger big = parser.getBigIntegerValue();
                count = big.bitLength() <= 63 ? big.longValue() : 0;
            } else {
                count = parser.getLongValue();
            }
        } else if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            // The tree reads fractions as BigDecimal (the mapper's setting), so the same value is judged here.
            BigDecimal decimal = parser.getDecimalValue();
            count = decimal.compareTo(MIN_LONG) >= 0 && decimal.compareTo(MAX_LONG) <= 0 ? decimal.longValue() : 0;
        } else {
            parser.skipChildren();
            count = 0;
        }
        return Math.max(count, 0);
    }
}
