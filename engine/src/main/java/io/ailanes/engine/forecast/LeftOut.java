package io.ailanes.engine.forecast;

/**
 * An audit the forecast did not use, and why: its hash chain does not verify (edited, removed, reordered or
 * inserted lines), it cannot be read, or it records no attempt.
 */
public record LeftOut(String name, String reason) {

    @Override
    public String toString() {
        return name + ": " + reason;
    }
}
