package io.ailanes.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ailanes.engine.provider.ApiKey;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.ProviderKind;
import io.ailanes.engine.provider.http.Reply;
import io.ailanes.engine.provider.http.WireException;
import io.ailanes.engine.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link OpenAiAdapter#parseReply} reads a complete reply with the streaming parser and leaves anything out
 * of the ordinary to the tree reading; both must end alike for every body: the same reply, or the same
 * classified error with the same message.
 */
class OpenAiReplyReadingTest {

    private final OpenAiAdapter adapter =
            new OpenAiAdapter(ProviderConfig.of("p", ProviderKind.OPENAI, "http://127.0.0.1:9/v1", ApiKey.NONE));

    @ParameterizedTest
    @ValueSource(strings = {
        "openai/chat_completion_default.response.json",
        "openai/chat_completion_functions.response.json",
        "openai/chat_completion_gpt4o_live_2024-09.json",
        "openai/chat_completion_image_input.response.json",
        "openai/chat_completion_logprobs.response.json",
        "openai/error_429_insufficient_quota.json",
        "openai/error_500_server_error.json",
        "deepseek/chat_completion_deepseek-chat_apifox.json",
        "deepseek/chunk_deepseek-reasoner_first.json",
    })
    void everySampleReadsAsTheTreeReadsIt(String sample) {
        assertSameEnding(Fixtures.bytes(sample));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"r\",\"model\":\"m\",\"choices\":[{\"message\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}",
        "{\"choices\":[{\"message\":{\"content\":null,\"refusal\":\"I can't\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}",
        "{\"choices\":[{\"message\":{\"content\":\"\",\"refusal\":\"no\"},\"finish_reason\":\"content_filter\"}],\"usage\":{}}",
        "{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"insufficient_system_resource\"}]}",
        "{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"insufficient_system_resource\"}],"
                + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2}}",
        "{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}",
        "{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}],\"usage\":null}",
        "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":[1]}",
        "{\"choices\":[{\"message\":\"x\",\"finish_reason\":7}],\"usage\":{\"prompt_tokens\":\"3\"}}",
        "{\"choices\":[{\"message\":{\"content\":5,\"refusal\":{}}}],\"usage\":{\"completion_tokens\":1.5},\"id\":[],\"model\":null}",
        "{\"choices\":[{\"finish_reason\":\"tool_calls\",\"message\":{\"tool_calls\":[{\"content\":\"no\"}]}},{\"message\":{\"content\":\"2nd\"}}],"
                + "\"usage\":{\"prompt_tokens\":1}}",
        "{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}",
        "{\"choices\":[\"x\"],\"usage\":{\"prompt_tokens\":1}}",
        "{\"choices\":{},\"usage\":{\"prompt_tokens\":1}}",
        "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\",\"code\":\"context_length_exceeded\"}}",
        "{\"error\":\"upstream timed out\"}",
        "{\"error\":null,\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1}}",
        "{\"object\":\"list\",\"data\":[]}",
        "[]",
        "42",
        "",
        "   ",
        "<!DOCTYPE html><html><title>Bad gateway</title></html>",
        "{\"choices\":[{\"message\":{\"content\":\"cut",
        "{\"choices\":[{\"message\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1}} trailing",
    })
    void edgeBodiesEndAsTheTreeReadingEndsThem(String body) {
        assertSameEnding(body.getBytes(StandardCharsets.UTF_8));
    }

    private void assertSameEnding(byte[] body) {
        Object fast = outcome(() -> adapter.parseReply(body));
        Object tree = outcome(() -> OpenAiAdapter.parseReplyThoroughly(body));

        assertThat(fast).isEqualTo(tree);
    }

    /** The reply, or the error as kind, message and billed usage (exceptions do not compare by value). */
    private static Object outcome(java.util.function.Supplier<Reply> read) {
        Throwable thrown = catchThrowable(read::get);
        if (thrown == null) {
            return read.get();
        }
        assertThat(thrown).isInstanceOf(WireException.class); // never an NPE or another runtime failure
        WireException e = (WireException) thrown;
        return e.kind() + ": " + e.getMessage() + " billed " + e.billed();
    }
}
