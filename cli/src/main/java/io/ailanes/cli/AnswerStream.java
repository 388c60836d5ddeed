package io.ailanes.cli;

import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.CallListener;
import java.io.PrintWriter;

/**
 * What {@code call} writes of an answer. Standard output carries exactly the answer of the attempt that succeeded:
 * when it is a terminal the text streams as it comes, and what a failed attempt streamed is declared void on the
 * progress stream (standard error); otherwise (a pipe, a file, CI) the answer is written once its attempt has
 * succeeded, so a retried stream never leaves a fragment in the output.
 */
final class AnswerStream implements CallListener {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean live;
    /** Characters the current attempt has streamed. */
    private long streamed;

    /** @param live stream to {@code out} as the text comes (a terminal), rather than write the answer at the end */
    AnswerStream(PrintWriter out, PrintWriter err, boolean live) {
        this.out = out;
        this.err = err;
        this.live = live;
    }

    @Override
    public void onText(String delta) {
        streamed += delta.length();
        if (live) {
            out.print(delta);
            out.flush();
        }
    }

    @Override
    public void onAttempt(Attempt attempt) {
        if (attempt.outcome() == Attempt.Outcome.SUCCEEDED || streamed == 0) {
            return;
        }
        if (live) {
            out.println();
            out.flush();
        }
        err.println("[ai-lanes] attempt " + attempt.number() + " failed after streaming " + streamed + " characters ("
                + (attempt.error() == null ? "failed" : attempt.error().kind().description()) + "): "
                + (live ? "the text above is discarded" : "discarded, not written"));
        err.flush();
        streamed = 0;
    }

    /** Writes the answer of the attempt that succeeded, unless it already streamed to the terminal. */
    void finish(String answer) {
        if (!live) {
            out.print(answer);
        }
    }
}
