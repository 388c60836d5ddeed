package io.ailanes.engine.run;

/** Where progress lines go: the terminal in the CLI, the build log (TaskListener) in Jenkins. */
@FunctionalInterface
public interface Console {

    Console NONE = line -> {};

    void line(String text);
}
