package io.ailanes.engine.provider;

import io.ailanes.engine.option.Choice;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire protocols AI Lanes speaks. */
public enum ProviderKind implements Choice {
    /** Chat Completions: OpenAI and every compatible server (DeepSeek, Qwen, Kimi, GLM, OpenRouter, vLLM, Ollama...). */
    OPENAI("OpenAI-compatible (OpenAI, DeepSeek, Qwen, Kimi, GLM, OpenRouter, Groq, vLLM, Ollama, LiteLLM)"),
    /** Anthropic Messages API. */
    ANTHROPIC("Anthropic Messages"),
    /** Google Gemini generateContent. */
    GEMINI("Google Gemini");

    private final String label;

    ProviderKind(String label) {
        this.label = label;
    }

    /** How the Jenkins form lists the kind. */
    @Override
    public String label() {
        return label;
    }

    public static ProviderKind of(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        for (ProviderKind kind : values()) {
            if (kind.id().equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown provider kind '" + id + "'; use one of "
                + Arrays.stream(values()).map(ProviderKind::id).collect(Collectors.joining(", ")));
    }
}
