package io.ailanes.engine.provider.http;

import io.ailanes.engine.provider.ChatProvider;
import io.ailanes.engine.provider.ProviderConfig;
import io.ailanes.engine.provider.anthropic.AnthropicAdapter;
import io.ailanes.engine.provider.gemini.GeminiAdapter;
import io.ailanes.engine.provider.openai.OpenAiAdapter;
import io.ailanes.engine.provider.proxy.ProxySettings;

/** Creates the {@link ChatProvider} for a configuration. */
public final class Providers {

    private Providers() {}

    public static ProviderAdapter adapter(ProviderConfig config) {
        return switch (config.kind()) {
            case OPENAI -> new OpenAiAdapter(config);
            case GEMINI -> new GeminiAdapter(config);
            case ANTHROPIC -> new AnthropicAdapter(config);
        };
    }

    public static ChatProvider create(ProviderConfig config) {
        return create(config, ProxySettings.SYSTEM);
    }

    /** A provider whose calls go through the proxies {@code proxy} selects. */
    public static ChatProvider create(ProviderConfig config, ProxySettings proxy) {
        return new ProviderClient(config, adapter(config), proxy);
    }
}
