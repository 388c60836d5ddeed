package io.ailanes.engine.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Lets a caller stop a call from another thread (a Jenkins build being aborted). Cancelling aborts the
 * in-flight HTTP exchange and any backoff wait; the call then fails with {@link ErrorKind#CANCELLED}.
 */
public final class Cancellation {

    private final List<Runnable> handlers = new ArrayList<>();
    private boolean cancelled;

    /** A token nobody cancels. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = new ArrayList<>(handlers);
            handlers.clear();
            notifyAll();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs {@code handler} when cancelled (at once if already cancelled).
     *
     * @return a handle that unregisters the handler
     */
    public AutoCloseable onCancel(Runnable handler) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                handlers.add(handler);
            }
        }
        if (runNow) {
            handler.run();
        }
        return () -> {
            synchronized (this) {
                handlers.remove(handler);
            }
        };
    }

    /**
     * Waits for {@code duration} unless cancelled first.
     *
     * @return true if the full wait elapsed, false if cancelled
     */
    public synchronized boolean sleep(Duration duration) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        while (!cancelled) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            long millis = Math.max(1, left / 1_000_000);
            wait(millis);
        }
        return false;
    }
}
