package io.ailanes.engine.provider;

/** Hears a call's progress: streamed text as it arrives, and every HTTP attempt as it ends. */
public interface CallListener {

    CallListener NONE = new CallListener() {};

    /** A piece of streamed output text. Called on the calling thread, in order. */
    default void onText(String delta) {}

    /** An attempt ended (success, or a failure that is retried or final). Audit lines are written from this. */
    default void onAttempt(Attempt attempt) {}
}
