package io.ailanes.engine.provider;

import io.ailanes.engine.redact.SecretRedactor;
import java.util.Objects;

/**
 * A provider credential. It prints as a mask, so a key that lands in a log line or an exception by
 * accident does not leak; {@link #reveal()} is called only where the HTTP header is written.
 */
public final class ApiKey {

    public static final ApiKey NONE = new ApiKey("");

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey of(String value) {
        Objects.requireNonNull(value, "value");
        return value.isEmpty() ? NONE : new ApiKey(value.strip());
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return isPresent() ? SecretRedactor.MASK : "(none)";
    }
}
