package io.ailanes.jenkins.run;

import hudson.model.TaskListener;
import io.ailanes.engine.run.Console;

/**
 * The engine's progress lines, to the build log of the step making the call. One run serves every step of a build
 * (parallel branches included), and the engine reports on the calling thread, so each step thread registers its
 * own log while it works.
 */
final class StepConsole implements Console {

    static final StepConsole INSTANCE = new StepConsole();

    private final ThreadLocal<TaskListener> current = new ThreadLocal<>();

    private StepConsole() {}

    void attach(TaskListener listener) {
        current.set(listener);
    }

    void detach() {
        current.remove();
    }

    @Override
    public void line(String text) {
        TaskListener listener = current.get();
        if (listener != null) {
            listener.getLogger().println(text);
        }
    }
}
