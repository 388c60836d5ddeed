package io.ailanes.engine.lane;

/**
 * A model reference, {@code provider/model}: the provider id as configured, then the model name as that
 * provider knows it (which may itself contain slashes, e.g. {@code openrouter/deepseek/deepseek-chat}).
 */
public record ModelRef(String provider, String model) {

    public ModelRef {
        if (provider == null || provider.isBlank() || model == null || model.isBlank()) {
            throw new IllegalArgumentException("a model reference needs a provider and a model");
        }
    }

    /** @throws IllegalArgumentException if {@code text} is not {@code provider/model} */
    public static ModelRef parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("model '" + text
                    + "' must be written provider/model, e.g. deepseek/deepseek-chat or anthropic/claude-sonnet-4-5");
        }
        return new ModelRef(text.substring(0, slash).strip(), text.substring(slash + 1).strip());
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
