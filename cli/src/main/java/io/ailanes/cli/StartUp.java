package io.ailanes.cli;

import io.ailanes.engine.budget.TokenEstimator;
import io.ailanes.engine.budget.Tokenizer;
import java.util.Set;

/**
 * Work a short-lived process starts before parsing its command line, to overlap it with the rest of start-up.
 * Only a warm-up: nothing here changes what a command does.
 */
final class StartUp {

    /** Commands that estimate input tokens before their first call. */
    private static final Set<String> CALLING = Set.of("call", "plan", "implement", "review", "run", "demo");

    private StartUp() {}

    /**
     * Reads, on a daemon thread, the token vocabulary the command's first budget reservation will count
     * with: the {@code --model}'s family when it is given, otherwise cl100k (it bounds every non-OpenAI
     * family, which is what the lanes and the demo use by default).
     */
    static void begin(String[] args) {
        if (args.length == 0 || !CALLING.contains(args[0])) {
            return;
        }
        Tokenizer family = Tokenizer.OTHER;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h") || arg.equals("--version") || arg.equals("-V")) {
                return;
            }
            if (arg.equals("--model") && i + 1 < args.length) {
                family = Tokenizer.forModel(args[i + 1]);
            } else if (arg.startsWith("--model=")) {
                family = Tokenizer.forModel(arg.substring("--model=".length()));
            }
        }
        TokenEstimator.preload(family);
    }
}
