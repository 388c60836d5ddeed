package io.ailanes.cli.demo;

import io.ailanes.modelserver.Script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scripted models of one task of {@code ai-lanes demo --suite}: the plan, each implement round's edits and
 * the review are bundled text under {@code suite/script/TASK/} ({@code plan.json}, {@code round-N.txt},
 * {@code review.json}). The answer depends only on which lane's system prompt the request carries and the
 * round it asks for, as a real model's would on the same prompt; in an escalation the escalation lane's model
 * answers the round it is asked for. Scripted answers measure cost and plumbing, not model quality.
 */
public final class SuiteScript implements Script {

    private static final String BASE = "/io/ailanes/cli/demo/suite/script/";
    private static final Pattern ROUND = Pattern.compile("Round (\\d+): ");

    private final String task;

    private SuiteScript(String task) {
        this.task = task;
    }

    /** The script of the task whose answers are under {@code suite/script/TASK/}. */
    public static SuiteScript of(String task) {
        return new SuiteScript(task);
    }

    @Override
    public String answer(String protocol, String model, String prompt) {
        if (prompt.contains("You are the planning lane")) {
            return resource("plan.json");
        }
        if (prompt.contains("You are the execution lane")) {
            return resource("round-" + round(prompt) + ".txt");
        }
        if (prompt.contains("You are the review lane")) {
            return resource("review.json");
        }
        return new EchoScript().answer(protocol, model, prompt);
    }

    /** The round the request asks for: the last "Round N:" ask of the conversation. */
    static int round(String prompt) {
        int round = 1;
        Matcher m = ROUND.matcher(prompt);
        while (m.find()) {
            round = Math.max(round, Integer.parseInt(m.group(1)));
        }
        return round;
    }

    /** A bundled file of this task's script, e.g. {@code plan.json} or {@code change.diff}. */
    public String resource(String name) {
        return read(BASE + task + "/" + name);
    }

    static String read(String path) {
        try (InputStream in = SuiteScript.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the suite's script file " + path + " is missing from the ai-lanes jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
