package io.ailanes.engine.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire protocols AI Lanes speaks. */
public enum ProviderKind {
    /** Chat Completions: OpenAI and every compatible server (DeepSeek, Qwen, Kimi, GLM, OpenRouter, vLLM, Ollama...). */
    OPENAI("openai"),
    /** Anthropic Messages API. */
    ANTHROPIC("anthropic"),
    /** Google Gemini generateContent. */
    GEMINI("gemini");

    private final String id;

    ProviderKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ProviderKind of(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        for (ProviderKind kind : values()) {
            if (kind.id.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown provider kind '" + id + "'; use one of "
                + Arrays.stream(values()).map(ProviderKind::id).collect(Collectors.joining(", ")));
    }
}
