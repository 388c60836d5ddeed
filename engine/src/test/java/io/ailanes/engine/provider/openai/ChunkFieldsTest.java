package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.CallListener;
import io.ailanes.engine.provider.ChatRequest;
import io.ailanes.engine.provider.ErrorKind;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.Usage;
import io.ailanes.engine.provider.http.SseEvent;
import io.ailanes.engine.provider.http.StreamDecoder;
import io.ailanes.engine.provider.http.WireException;
import io.ailanes.engine.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ChunkFields}, the streaming parser's reading of a {@code chat.completion.chunk} (and of a complete
 * reply), on its own: every field it extracts, DeepSeek's extra fields, missing and null members, members it
 * must skip, and bodies it must decline so that the thorough tree reading reports them.
 */
class ChunkFieldsTest {

    private static final String ID = "chatcmpl-1";

    /** A chunk with the given {@code choices[0]} members and top-level members (after id and model). */
    private static String chunk(String choice, String more) {
        return "{\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0," + choice + "}]" + more + "}";
    }

    @Test
    void readsIdModelContentAndOpenChoice() {
        ChunkFields.Chunk fields = ChunkFields.scan(
                chunk("\"delta\":{\"content\":\"Hel\\\"lo\\n\"},\"logprobs\":null,\"finish_reason\":null", ",\"usage\":null"));

        assertThat(fields).isEqualTo(new ChunkFields.Chunk(ID, "gpt-4o", true, false, null, "Hel\"lo\n", null, null));
    }

    @Test
    void readsRefusalAndFinishReason() {
        ChunkFields.Chunk refusal = ChunkFields.scan(chunk("\"delta\":{\"refusal\":\" sorry\"},\"finish_reason\":null", ""));
        ChunkFields.Chunk finish = ChunkFields.scan(chunk("\"delta\":{},\"finish_reason\":\"length\"", ""));

        assertThat(refusal.refusal()).isEqualTo(" sorry");
        assertThat(refusal.content()).isNull();
        assertThat(finish.finishReason()).isEqualTo("length");
        assertThat(finish.content()).isNull();
        assertThat(finish.refusal()).isNull();
    }

    @Test
    void readsTheUsageChunkIntoDisjointBuckets() {
        // OpenAI's usage chunk: empty choices, prompt includes the cached tokens, completion the reasoning.
        ChunkFields.Chunk fields = ChunkFields.scan("{\"id\":\"" + ID + "\",\"model\":\"o3\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,\"total_tokens\":150,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":64,\"audio_tokens\":0},"
                + "\"completion_tokens_details\":{\"reasoning_tokens\":30,\"audio_tokens\":0}}}");

        assertThat(fields.choicesPresent()).isTrue();
        assertThat(fields.usagePresent()).isTrue();
        assertThat(fields.usage()).isEqualTo(new Usage(36, 64, 0, 0, 20, 30));
        assertThat(fields.content()).isNull();
        assertThat(fields.finishReason()).isNull();
    }

    @Test
    void deepSeekReasonerFirstChunkHasNoTextAndItsReasoningIsNotTheAnswer() {
        ChunkFields.Chunk first = ChunkFields.scan(Fixtures.text("deepseek/chunk_deepseek-reasoner_first.json"));
        ChunkFields.Chunk thinking = ChunkFields.scan(
                chunk("\"delta\":{\"content\":null,\"reasoning_content\":\"Let me think.\"},\"finish_reason\":null", ""));

        assertThat(first).isEqualTo(new ChunkFields.Chunk(
                "43a31dda-92f6-4cdf-a333-bb399599a824", "deepseek-reasoner", true, false, null, null, null, null));
        assertThat(thinking.content()).isNull();
        assertThat(thinking.refusal()).isNull();
    }

    @Test
    void deepSeekCacheFieldsAreItsOwnSplitOfThePrompt() {
        // DeepSeek reports prompt_cache_hit_tokens + prompt_cache_miss_tokens = prompt_tokens; its hit count is
        // the billed cached figure even where prompt_tokens_details disagrees.
        ChunkFields.Chunk fields = ChunkFields.scan(chunk("\"delta\":{},\"finish_reason\":\"stop\"",
                ",\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":120,\"total_tokens\":140,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":8},"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":100},"
                        + "\"prompt_cache_hit_tokens\":16,\"prompt_cache_miss_tokens\":4}"));
        ChunkFields.Chunk splitOnly = ChunkFields.scan(chunk("\"delta\":{}",
                ",\"usage\":{\"completion_tokens\":3,\"prompt_cache_hit_tokens\":6,\"prompt_cache_miss_tokens\":4}"));

        assertThat(fields.usage()).isEqualTo(new Usage(4, 16, 0, 0, 20, 100));
        assertThat(fields.finishReason()).isEqualTo("stop");
        // No prompt_tokens: the split still counts every input token.
        assertThat(splitOnly.usage()).isEqualTo(new Usage(4, 6, 0, 0, 3, 0));
    }

    @Test
    void missingMembersAreAbsent() {
        assertThat(ChunkFields.scan("{}"))
                .isEqualTo(new ChunkFields.Chunk(null, null, false, false, null, null, null, null));
        assertThat(ChunkFields.scan("{\"choices\":[{}]}"))
                .isEqualTo(new ChunkFields.Chunk(null, null, true, false, null, null, null, null));
    }

    @Test
    void nullMembersAreAbsent() {
        ChunkFields.Chunk fields = ChunkFields.scan("{\"id\":null,\"model\":null,\"error\":null,\"usage\":null,"
                + "\"choices\":[{\"delta\":{\"content\":null,\"refusal\":null},\"finish_reason\":null}]}");
        ChunkFields.Chunk nullChoices = ChunkFields.scan("{\"choices\":null,\"usage\":{\"prompt_tokens\":null}}");
        ChunkFields.Chunk nullDelta = ChunkFields.scan("{\"choices\":[{\"delta\":null,\"finish_reason\":\"stop\"}]}");

        assertThat(fields).isEqualTo(new ChunkFields.Chunk(null, null, true, false, null, null, null, null));
        assertThat(nullChoices.choicesPresent()).isFalse();
        assertThat(nullChoices.usage()).isEqualTo(Usage.ZERO);
        assertThat(nullDelta.content()).isNull();
        assertThat(nullDelta.finishReason()).isEqualTo("stop");
    }

    @Test
    void membersOfTheWrongTypeAreAbsentAndTheRestIsStillRead() {
        ChunkFields.Chunk fields = ChunkFields.scan("{\"id\":7,\"model\":[\"m\"],\"usage\":\"n/a\",\"choices\":"
                + "[{\"delta\":{\"content\":{\"text\":\"x\"},\"refusal\":false},\"finish_reason\":1}],\"tail\":\"t\"}");
        ChunkFields.Chunk notArray = ChunkFields.scan("{\"choices\":{\"delta\":{\"content\":\"x\"}},\"model\":\"m\"}");
        ChunkFields.Chunk notObject = ChunkFields.scan("{\"choices\":[\"x\",{\"delta\":{\"content\":\"y\"}}],\"model\":\"m\"}");

        // A usage member that is present but not an object counts as present (the decoder then finds no usage).
        assertThat(fields).isEqualTo(new ChunkFields.Chunk(null, null, true, true, null, null, null, null));
        assertThat(notArray).isEqualTo(new ChunkFields.Chunk(null, "m", true, false, null, null, null, null));
        assertThat(notObject).isEqualTo(new ChunkFields.Chunk(null, "m", true, false, null, null, null, null));
    }

    @Test
    void unknownMembersAreSkippedEvenWhenTheyHoldKnownNames() {
        // logprobs.content is an array of tokens, tool_calls carry their own fields, and a vendor extension
        // may nest an object that looks like a chunk: none of it is the chunk's text or id.
        ChunkFields.Chunk fields = ChunkFields.scan("{\"x_vendor\":{\"id\":\"inner\",\"model\":\"inner\","
                + "\"choices\":[{\"delta\":{\"content\":\"wrong\"}}],\"usage\":{\"prompt_tokens\":999}},"
                + "\"id\":\"" + ID + "\",\"system_fingerprint\":\"fp\",\"service_tier\":\"default\",\"model\":\"gpt-4o\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"right\",\"annotations\":[],"
                + "\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"content\",\"arguments\":\"{}\"}}]},"
                + "\"logprobs\":{\"content\":[{\"token\":\"wrong\",\"logprob\":-0.1,\"bytes\":[119]}]},"
                + "\"finish_reason\":null,\"matched_stop\":{\"finish_reason\":\"wrong\"}}],"
                + "\"obfuscation\":\"abc\",\"future\":[1,[2,{\"content\":\"wrong\"}]]}");

        assertThat(fields).isEqualTo(new ChunkFields.Chunk(ID, "gpt-4o", true, false, null, "right", null, null));
    }

    @Test
    void onlyTheFirstChoiceCounts() {
        ChunkFields.Chunk fields = ChunkFields.scan("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},"
                + "{\"index\":1,\"delta\":{\"content\":\"b\"},\"finish_reason\":\"stop\"}],\"model\":\"m\"}");

        assertThat(fields.content()).isEqualTo("a");
        assertThat(fields.finishReason()).isNull();
        assertThat(fields.model()).isEqualTo("m");
    }

    @Test
    void aRepeatedMemberCountsAsItsLastOccurrence() {
        // Jackson's tree keeps the last of duplicate members; the scan agrees.
        ChunkFields.Chunk fields = ChunkFields.scan("{\"model\":\"a\",\"model\":\"b\","
                + "\"choices\":[{\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}],\"choices\":[{\"delta\":{}}],"
                + "\"usage\":{\"prompt_tokens\":5},\"usage\":null}");

        assertThat(fields).isEqualTo(new ChunkFields.Chunk(null, "b", true, false, null, null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}",
        "{\"id\":\"x\",\"choices\":[],\"error\":\"stopped\"}",
        "[{\"choices\":[]}]",
        "\"text\"",
        "42",
        "null",
        "",
        "   ",
        "not json",
        "<html><title>502 Bad Gateway</title></html>",
        "{",
        "{\"id\":\"x\",",
        "{\"choices\":[{\"delta\":{\"content\":\"unterminated}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"}]}",
        "{\"id\": tru}",
        "{\"usage\":{\"prompt_tokens\":12",
        "{'id':'single-quoted'}",
    })
    void declinesWhatTheThoroughReadingMustReport(String data) {
        assertThat(ChunkFields.scan(data)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "<html><title>502 Bad Gateway</title></html>",
        "{",
        "{\"id\":\"x\",",
        "{\"choices\":[{\"delta\":{\"content\":\"unterminated}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"a\"}]}",
        "[1,2]",
        "42",
        "{}",
        "{\"id\":\"x\",\"model\":\"m\"}",
        "{\"choices\":null,\"usage\":null}",
    })
    void aMalformedChunkEndsTheStreamWithAClearMalformedError(String data) {
        StreamDecoder decoder = decoder();

        assertThatThrownBy(() -> decoder.accept(new SseEvent("message", data), CallListener.NONE))
                .isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).startsWith("stream event is not ")
                            .containsAnyOf("not JSON", "not a chat.completion.chunk");
                });
    }

    @Test
    void anErrorChunkIsReportedAsTheProvidersError() {
        StreamDecoder decoder = decoder();

        assertThatThrownBy(() -> decoder.accept(new SseEvent("message",
                "{\"error\":{\"message\":\"The server is overloaded\",\"type\":\"server_error\"}}"), CallListener.NONE))
                .isInstanceOfSatisfying(WireException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.SERVER_ERROR);
                    assertThat(e.getMessage()).isEqualTo("error event in stream: The server is overloaded");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"delta\":{\"content\":\"a\"},\"finish_reason\":null}],\"usage\":null}",
        "{\"choices\":[{\"delta\":{\"refusal\":\"no\"},\"finish_reason\":\"content_filter\"}]}",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4,\"prompt_tokens_details\":{\"cached_tokens\":2}}}",
        "{\"choices\":[{\"delta\":{\"content\":5},\"finish_reason\":[\"stop\"]}],\"model\":{\"name\":\"m\"}}",
        "{\"choices\":[7],\"usage\":[1]}",
        "{\"choices\":\"none\",\"id\":\"c\"}",
        "{\"usage\":{\"prompt_tokens\":\"12\",\"prompt_cache_hit_tokens\":\"3\",\"completion_tokens\":2.9}}",
        "{\"model\":\"a\",\"model\":\"b\",\"choices\":[{\"delta\":{\"content\":\"x\",\"content\":\"y\"}}]}",
        "{\"id\":\"c\",\"choices\":[{\"delta\":{\"content\":\"é 中 😀\"}}]} trailing",
    })
    void agreesWithTheTreeReading(String data) {
        JsonNode tree = Json.tryParse(data).orElseThrow();
        JsonNode choices = Json.at(tree, "choices");
        JsonNode choice = choices != null && choices.isArray() && !choices.isEmpty() ? choices.get(0) : null;
        ChunkFields.Chunk expected = new ChunkFields.Chunk(
                Json.text(tree, "id"),
                Json.text(tree, "model"),
                choices != null,
                Json.at(tree, "usage") != null,
                OpenAiAdapter.usage(tree).orElse(null),
                choice == null ? null : Json.text(choice, "delta", "content"),
                choice == null ? null : Json.text(choice, "delta", "refusal"),
                choice == null ? null : Json.text(choice, "finish_reason"));

        assertThat(ChunkFields.scan(data)).isEqualTo(expected);
    }

    @Test
    void aCompleteReplyIsReadFromItsMessage() {
        byte[] body = Fixtures.bytes("deepseek/chat_completion_deepseek-chat_apifox.json");

        ChunkFields.Chunk fields = ChunkFields.scanReply(body);

        assertThat(fields).isEqualTo(new ChunkFields.Chunk("48ad6b6e-b2f7-4059-b9cf-aa5d966f8f22", "deepseek-chat",
                true, true, new Usage(10, 0, 0, 0, 11, 0), "Hello! How can I assist you today? 😊", null, "stop"));
        // A stream's delta is not a reply's message.
        assertThat(ChunkFields.scanReply(utf8(chunk("\"delta\":{\"content\":\"x\"}", ""))).content()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"choices\":[]}",
        "{\"choices\":null}",
        "{\"model\":\"m\"}",
        "{\"choices\":[\"text\"]}",
        "{\"choices\":{\"message\":{\"content\":\"x\"}}}",
        "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"choices\":[]}",
        "{\"error\":{\"message\":\"bad\"},\"choices\":[{}]}",
        "<html></html>",
        "{\"choices\":[{\"message\":{\"content\":\"x\"}}]",
    })
    void aReplyWithoutAFirstChoiceObjectIsLeftToTheThoroughReading(String body) {
        assertThat(ChunkFields.scanReply(utf8(body))).isNull();
    }

    private static StreamDecoder decoder() {
        return new OpenAiAdapter(ProviderConfig.of("p", ProviderKind.OPENAI, "http://127.0.0.1:9/v1", ApiKey.NONE))
                .streamDecoder(ChatRequest.builder("m").user("Hi").stream(true).build());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
