package io.ailanes.engine.budget;

import java.util.Locale;

/** Tokenizer families. Only OpenAI's are public; the others are bounded conservatively by {@link TokenEstimator}. */
public enum Tokenizer {
    /** GPT-4o, GPT-4.1, GPT-5 and o-series models. */
    O200K(true),
    /** GPT-4 and GPT-3.5 models. */
    CL100K(true),
    ANTHROPIC(false),
    GEMINI(false),
    DEEPSEEK(false),
    QWEN(false),
    GLM(false),
    KIMI(false),
    /** Anything unrecognised: bounded like the other non-public tokenizers. */
    OTHER(false);

    private final boolean exact;

    Tokenizer(boolean exact) {
        this.exact = exact;
    }

    /** Whether jtokkit counts this family's tokens exactly. */
    public boolean exact() {
        return exact;
    }

    /** The family of a model name, with or without a {@code provider/} prefix. */
    public static Tokenizer forModel(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.startsWith("gpt-4o") || name.startsWith("chatgpt-4o") || name.startsWith("gpt-4.1")
                || name.startsWith("gpt-4.5") || name.startsWith("gpt-5") || name.startsWith("gpt-oss")
                || name.matches("o\\d.*")) {
            return O200K;
        }
        if (name.startsWith("gpt-4") || name.startsWith("gpt-3.5")) {
            return CL100K;
        }
        if (name.startsWith("claude")) {
            return ANTHROPIC;
        }
        if (name.startsWith("gemini") || name.startsWith("gemma")) {
            return GEMINI;
        }
        if (name.startsWith("deepseek")) {
            return DEEPSEEK;
        }
        if (name.startsWith("qwen") || name.startsWith("qwq")) {
            return QWEN;
        }
        if (name.startsWith("glm")) {
            return GLM;
        }
        if (name.startsWith("kimi") || name.startsWith("moonshot")) {
            return KIMI;
        }
        return OTHER;
    }
}
