package io.ailanes.sharedlib

import static org.assertj.core.api.Assertions.fail

/** Finds the exception a pipeline run ended with, through any wrapping by Groovy's dispatch. */
final class Failures {

    private Failures() {}

    /** The first exception of {@code type} in the cause chain of what {@code run} threw; fails if it threw none. */
    static <T extends Throwable> T thrown(Class<T> type, Closure run) {
        try {
            run.call()
        } catch (Throwable t) {
            for (Throwable cause = t; cause != null; cause = cause.cause) {
                if (type.isInstance(cause)) {
                    return type.cast(cause)
                }
            }
            throw new AssertionError("expected a ${type.simpleName}, got $t", t)
        }
        fail("expected a ${type.simpleName}, but the pipeline ended normally")
        return null
    }

    /** The message of the error step that stopped the pipeline. */
    static String errorMessage(Pipeline pipeline, String source) {
        thrown(StandardSteps.PipelineError) { pipeline.run(source) }.message
    }
}
