package io.ailanes.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The provider id rule has one owner: the record refuses what {@code idProblem} names, and nothing else. */
class ProviderConfigIdTest {

    @Test
    void lowerCaseIdsAreProviderIds() {
        assertThat(ProviderConfig.idProblem("openai")).isNull();
        assertThat(ProviderConfig.idProblem("my-vllm.local_2")).isNull();
        assertThat(ProviderConfig.of("deepseek", ProviderKind.OPENAI, "https://api.deepseek.com/v1", null).id())
                .isEqualTo("deepseek");
    }

    @Test
    void upperCaseSlashesAndBlanksAreNot() {
        for (String id : new String[] {"OpenAI", "a/b", "", " x", "-lead", null}) {
            String problem = ProviderConfig.idProblem(id);
            assertThat(problem).as(id).isEqualTo("provider id '" + id
                    + "' must be lower-case letters, digits, '.', '_' or '-' (at most 64), starting with a letter or digit");
            assertThatThrownBy(() -> ProviderConfig.of(id, ProviderKind.OPENAI, "https://api.openai.com/v1", null))
                    .hasMessage(problem);
        }
    }
}
