package io.ailanes.engine.price;

import io.ailanes.engine.error.AiLanesException;

/** No price is known for a model: AI Lanes refuses to call it rather than guess. */
public final class UnknownPriceException extends AiLanesException {

    private static final long serialVersionUID = 1L;

    private final String ref;

    public UnknownPriceException(String ref, String suggestion) {
        super("no price for \"" + ref + "\": set one with a price override (models: - ref: " + ref
                + ", price: {input: ..., output: ...} in ai-lanes.yaml, USD per million tokens) or import a LiteLLM"
                + " price map (ai-lanes prices import)" + (suggestion == null ? "" : "; did you mean \"" + suggestion + "\"?"));
        this.ref = ref;
    }

    public String ref() {
        return ref;
    }

    @Override
    public Category category() {
        return Category.USAGE;
    }
}
