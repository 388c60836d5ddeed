package io.ailanes.engine.provider;

import io.ailanes.engine.provider.gemini.GeminiAdapter;
import io.ailanes.engine.provider.openai.OpenAiAdapter;

/** Creates the {@link ChatProvider} for a configuration. */
public final class Providers {

    private Providers() {}

    public static ProviderAdapter adapter(ProviderConfig config) {
        return switch (config.kind()) {
            case OPENAI -> new OpenAiAdapter(config);
            case GEMINI -> new GeminiAdapter(config);
            case ANTHROPIC -> throw new UnsupportedOperationException(
                    "provider kind '" + config.kind().id() + "' is not available yet");
        };
    }

    public static ChatProvider create(ProviderConfig config) {
        return new ProviderClient(config, adapter(config));
    }
}
