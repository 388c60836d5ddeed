package io.ailanes.cli.demo;

import io.ailanes.modelserver.Script;

/**
 * The demo's scripted models, for the bundled sample project: the reasoning lane plans the fix of
 * {@code Pager.pageCount}, the execution lane's first attempt is plausible but wrong (the gate catches it),
 * its second passes, and the reviewer approves with one low finding. Answers depend only on which lane's
 * system prompt the request carries and the round it asks for, as a real model's would on the same prompt.
 */
public final class DemoScript implements Script {

    static final String PLAN = """
            {
              "summary": "Pager.pageCount drops the last, partial page because it uses integer division. Round the \
            division up so a partial page counts, keeping zero items at zero pages.",
              "steps": [
                {"description": "In Pager.pageCount, replace items / size with a division that rounds up: \
            (items + size - 1) / size.", "files": ["src/main/java/demo/Pager.java"]}
              ],
              "files": [
                {"path": "src/main/java/demo/Pager.java", "action": "modify", "why": "pageCount holds the bug"}
              ],
              "acceptanceCriteria": [
                "pageCount(11, 5) == 3 and pageCount(1, 5) == 1: a partial page counts",
                "pageCount(10, 5) == 2 and pageCount(0, 5) == 0: full pages and no items are unchanged",
                "PagerTest passes"
              ],
              "risks": ["items + size - 1 overflows int for item counts near Integer.MAX_VALUE"],
              "gates": [
                {"name": "test", "command": "javac -d build/classes src/main/java/demo/Pager.java src/test/java/demo/PagerTest.java"}
              ]
            }
            """;

    /** Plausible and wrong: right for partial pages, one too many for full ones and for none. */
    static final String ROUND_1 = """
            src/main/java/demo/Pager.java
            <<<<<<< SEARCH
                    return items / size;
            =======
                    return items / size + 1;
            >>>>>>> REPLACE
            """;

    static final String ROUND_2 = """
            src/main/java/demo/Pager.java
            <<<<<<< SEARCH
                    return items / size + 1;
            =======
                    return (items + size - 1) / size;
            >>>>>>> REPLACE
            """;

    static final String REVIEW = """
            {
              "verdict": "approve",
              "summary": "The change rounds the page count up as the plan asks; every acceptance criterion is met and \
            PagerTest passes.",
              "findings": [
                {"severity": "low", "file": "src/main/java/demo/Pager.java", "line": 11, "category": "correctness",
                 "message": "pageCount still divides by zero when size is 0, and items + size - 1 can overflow for \
            very large item counts (the plan's risk).",
                 "suggestion": "Reject size <= 0 with an IllegalArgumentException, or compute Math.ceilDiv(items, size) \
            (Java 18+)."}
              ]
            }
            """;

    @Override
    public String answer(String protocol, String model, String prompt) {
        if (prompt.contains("You are the planning lane")) {
            return PLAN;
        }
        if (prompt.contains("You are the execution lane")) {
            return prompt.contains("Round 2:") ? ROUND_2 : ROUND_1;
        }
        if (prompt.contains("You are the review lane")) {
            return REVIEW;
        }
        return new EchoScript().answer(protocol, model, prompt);
    }
}
