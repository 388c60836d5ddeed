package io.ailanes.engine.simulate;

import java.nio.file.Path;

/**
 * One routing to simulate, as given on the command line:
 *
 * <ul>
 *   <li>{@code all-premium[=MODEL]}: every billed attempt on one model; by default the premium model each audit
 *       recorded (the reasoning lane's primary, which the report's all-premium comparison uses);
 *   <li>{@code all-cheap[=MODEL]}: every billed attempt on one model; by default the model the run used that
 *       is cheapest for the run's own token mix (every candidate priced on all the attempts);
 *   <li>{@code config=FILE}: each attempt's lane routed to the lane of the same name in another
 *       {@code ai-lanes.yaml}, on its primary model;
 *   <li>{@code escalation=off|on}: off prices the attempts of an escalated implement step on the model the
 *       original lane's first round went to; on is the run as routed, at the simulation's prices.
 * </ul>
 */
public sealed interface Alternative {

    /** The alternative as written, with its default resolved where known. */
    String spec();

    record AllPremium(String model) implements Alternative {
        public String spec() {
            return model == null ? "all-premium" : "all-premium=" + model;
        }
    }

    record AllCheap(String model) implements Alternative {
        public String spec() {
            return model == null ? "all-cheap" : "all-cheap=" + model;
        }
    }

    record Config(Path file) implements Alternative {
        public String spec() {
            return "config=" + file;
        }
    }

    record Escalation(boolean on) implements Alternative {
        public String spec() {
            return "escalation=" + (on ? "on" : "off");
        }
    }

    /** @throws IllegalArgumentException naming the forms accepted */
    public static Alternative parse(String text) {
        String spec = text == null ? "" : text.strip();
        int eq = spec.indexOf('=');
        String name = eq < 0 ? spec : spec.substring(0, eq);
        String value = eq < 0 ? null : spec.substring(eq + 1).strip();
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' names no value after '='");
        }
        switch (name) {
            case "all-premium":
                return new AllPremium(model(value, text));
            case "all-cheap":
                return new AllCheap(model(value, text));
            case "config":
                if (value == null) {
                    throw new IllegalArgumentException("'config' needs a file: config=FILE");
                }
                return new Config(Path.of(value));
            case "escalation":
                if ("off".equals(value) || "on".equals(value)) {
                    return new Escalation("on".equals(value));
                }
                throw new IllegalArgumentException("'" + text + "': write escalation=off or escalation=on");
            default:
                throw new IllegalArgumentException("unknown alternative '" + text + "': write all-premium[=MODEL], "
                        + "all-cheap[=MODEL], config=FILE or escalation=off|on");
        }
    }

    private static String model(String value, String text) {
        if (value != null && value.indexOf('/') <= 0) {
            throw new IllegalArgumentException("'" + text + "': a model is provider/model, e.g. deepseek/deepseek-chat");
        }
        return value;
    }

}
