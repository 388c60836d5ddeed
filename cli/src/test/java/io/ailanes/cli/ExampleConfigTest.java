package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.config.ConfigLoader;
import io.ailanes.engine.config.ValidatedConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The example configuration users copy must stay valid as the code changes. */
class ExampleConfigTest {

    @Test
    void examplesAiLanesYamlIsValid() {
        Path example = Path.of("..", "examples", "ai-lanes.yaml");
        ValidatedConfig valid = ValidatedConfig.validate(ConfigLoader.read(example), example,
                name -> Optional.of("test-value-for-" + name));

        assertThat(valid.providers()).containsKeys("anthropic", "openai", "deepseek", "gemini", "ollama");
        assertThat(valid.lanes()).containsKeys("reasoning", "execution", "review");
        assertThat(valid.lanes().get("execution").escalateTo()).isEqualTo("reasoning");
        assertThat(valid.catalog().require("ollama/qwen3-coder:30b").prices().input()).isZero();
    }
}
