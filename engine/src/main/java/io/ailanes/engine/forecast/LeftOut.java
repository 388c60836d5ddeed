package io.ailanes.engine.forecast;

import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.audit.VerificationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * An audit the forecast did not use, and why: its hash chain does not verify (edited, removed, reordered or
 * inserted lines), it cannot be read, or it records no attempt.
 */
public record LeftOut(String name, String reason) {

    /**
     * Why a past build's audit cannot be used, if it cannot: it is missing, or its hash chain does not verify
     * (the first problem is named). The one rule for every reader of many builds (forecast, comparison).
     */
    public static Optional<LeftOut> unless(AuditFile audit) throws IOException {
        if (!Files.isRegularFile(audit.file())) {
            return Optional.of(new LeftOut(audit.name(), "no such file"));
        }
        VerificationResult verified = AuditVerifier.verify(audit.file());
        if (verified.ok()) {
            return Optional.empty();
        }
        int more = verified.problems().size() - 1;
        return Optional.of(new LeftOut(audit.name(), "does not verify: " + verified.problems().get(0).message()
                + (more > 0 ? " (and " + more + " more problem" + (more == 1 ? ")" : "s)") : "")));
    }

    @Override
    public String toString() {
        return name + ": " + reason;
    }
}
