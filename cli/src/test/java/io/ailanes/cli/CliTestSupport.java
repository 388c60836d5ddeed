package io.ailanes.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the CLI in-process and captures what it prints. */
final class CliTestSupport {

    record Run(int exit, String out, String err) {}

    private CliTestSupport() {}

    static Run run(String... args) {
        return runWithEnvironment(Map.of(), args);
    }

    /** With an environment, e.g. the PATH gates need or a credential to keep out of them. */
    static Run runWithEnvironment(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AiLanes.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new Run(exit, out.toString(), err.toString());
    }
}
