package io.ailanes.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

    @Test
    void openAiFamiliesAreCountedExactly() {
        assertThat(TokenEstimator.upperBound("Hello!", Tokenizer.O200K)).isEqualTo(2);
        assertThat(TokenEstimator.upperBound("You are a helpful assistant.", Tokenizer.O200K)).isEqualTo(6);
        assertThat(TokenEstimator.upperBound("hello world", Tokenizer.CL100K)).isEqualTo(2);
        assertThat(TokenEstimator.upperBound("", Tokenizer.ANTHROPIC)).isZero();
        // Special-token text is ordinary user text, not a control token.
        assertThat(TokenEstimator.upperBound("<|endoftext|>", Tokenizer.CL100K)).isGreaterThan(1);
    }

    @Test
    void otherFamiliesGetHalfAgainCl100kButNeverMoreThanTheBytes() {
        String english = "The quick brown fox jumps over the lazy dog.";
        long cl100k = TokenEstimator.upperBound(english, Tokenizer.CL100K);
        assertThat(TokenEstimator.upperBound(english, Tokenizer.ANTHROPIC)).isEqualTo((cl100k * 3 + 1) / 2);

        String spaces = " ".repeat(3);
        assertThat(TokenEstimator.upperBound(spaces, Tokenizer.GEMINI)).isLessThanOrEqualTo(4);

        String chinese = "预算是一种保证，而不是一种希望。";
        long bytes = chinese.getBytes(StandardCharsets.UTF_8).length;
        long bound = TokenEstimator.upperBound(chinese, Tokenizer.QWEN);
        assertThat(bound).isLessThanOrEqualTo(bytes + 1).isGreaterThanOrEqualTo(chinese.length());
    }

    @Test
    void modelNamesMapToFamilies() {
        assertThat(Tokenizer.forModel("gpt-4o-2024-08-06")).isEqualTo(Tokenizer.O200K);
        assertThat(Tokenizer.forModel("openai/gpt-5.4")).isEqualTo(Tokenizer.O200K);
        assertThat(Tokenizer.forModel("gpt-4.1-mini")).isEqualTo(Tokenizer.O200K);
        assertThat(Tokenizer.forModel("o3-mini")).isEqualTo(Tokenizer.O200K);
        assertThat(Tokenizer.forModel("gpt-4-turbo")).isEqualTo(Tokenizer.CL100K);
        assertThat(Tokenizer.forModel("gpt-3.5-turbo")).isEqualTo(Tokenizer.CL100K);
        assertThat(Tokenizer.forModel("claude-sonnet-4-5")).isEqualTo(Tokenizer.ANTHROPIC);
        assertThat(Tokenizer.forModel("gemini-2.5-flash")).isEqualTo(Tokenizer.GEMINI);
        assertThat(Tokenizer.forModel("deepseek-reasoner")).isEqualTo(Tokenizer.DEEPSEEK);
        assertThat(Tokenizer.forModel("qwen3-coder-plus")).isEqualTo(Tokenizer.QWEN);
        assertThat(Tokenizer.forModel("glm-4.6")).isEqualTo(Tokenizer.GLM);
        assertThat(Tokenizer.forModel("kimi-k2-0905-preview")).isEqualTo(Tokenizer.KIMI);
        assertThat(Tokenizer.forModel("mistral-large")).isEqualTo(Tokenizer.OTHER);
        assertThat(Tokenizer.O200K.exact()).isTrue();
        assertThat(Tokenizer.OTHER.exact()).isFalse();
    }

    @Test
    void worstCaseIsExact() {
        // 1,234 input tokens at $3/M + 4,096 output tokens at $15/M = 0.003702 + 0.06144
        assertThat(TokenEstimator.worstCaseUsd(1234, 4096, new BigDecimal("3"), new BigDecimal("15")))
                .isEqualByComparingTo("0.065142");
        assertThat(TokenEstimator.worstCaseUsd(1, 1, new BigDecimal("0.075"), new BigDecimal("0.3")))
                .isEqualByComparingTo("0.000000375");
        assertThat(TokenEstimator.perToken(new BigDecimal("40"))).isEqualByComparingTo("0.00004");
        assertThatThrownBy(() -> TokenEstimator.worstCaseUsd(-1, 1, BigDecimal.ONE, BigDecimal.ONE))
                .hasMessage("token counts cannot be negative: input -1, output 1");
    }
}
