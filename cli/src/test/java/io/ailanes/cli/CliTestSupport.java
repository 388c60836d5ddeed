package io.ailanes.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the CLI in-process and captures what it prints. */
final class CliTestSupport {

    record Run(int exit, String out, String err) {}

    private CliTestSupport() {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AiLanes.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
        return new Run(exit, out.toString(), err.toString());
    }
}
