package io.ailanes.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process and captures what it prints. */
final class CliTestSupport {

    record Run(int exit, String out, String err) {}

    private static final String HOME;

    static {
        try {
            HOME = Files.createTempDirectory("ai-lanes-home").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CliTestSupport() {}

    static Run run(String... args) {
        return runWithEnvironment(Map.of(), args);
    }

    /** With an environment, e.g. the PATH gates need or a credential to keep out of them. */
    static Run runWithEnvironment(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // A command without --ledger uses $AI_LANES_HOME/ledger.jsonl: never the user's own, and never one that
        // another build running tests at the same time holds.
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("AI_LANES_HOME", HOME);
        int exit = AiLanes.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        return new Run(exit, out.toString(), err.toString());
    }
}
