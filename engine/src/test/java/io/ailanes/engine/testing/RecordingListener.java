package io.ailanes.engine.testing;

import io.ailanes.engine.provider.Attempt;
import io.ailanes.engine.provider.CallListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every streamed delta and attempt a call reports. */
public final class RecordingListener implements CallListener {

    public final List<String> deltas = new CopyOnWriteArrayList<>();
    public final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    @Override
    public void onText(String delta) {
        deltas.add(delta);
    }

    @Override
    public void onAttempt(Attempt attempt) {
        attempts.add(attempt);
    }

    public String streamedText() {
        return String.join("", deltas);
    }
}
