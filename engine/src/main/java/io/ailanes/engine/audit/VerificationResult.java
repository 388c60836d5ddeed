package io.ailanes.engine.audit;

import java.util.List;

/**
 * What {@link AuditVerifier} found.
 *
 * @param ok true when there are no problems
 * @param linesChecked how many lines the file has (a torn last line included)
 * @param headHash SHA-256 of the last complete line's bytes (64 zeros for an empty file): compare it with
 *     the head recorded when the log was closed to detect lines cut from the end
 * @param problems in line order
 */
public record VerificationResult(boolean ok, long linesChecked, String headHash, List<VerificationProblem> problems) {

    public VerificationResult {
        problems = List.copyOf(problems);
    }
}
