package io.ailanes.engine.riskpolicy;

import java.io.Serializable;
import java.util.List;

/**
 * A change held for approval: the patch is written, the workspace is as it was before the step, and an
 * {@code APPROVAL_REQUIRED} audit event names the patch's SHA-256. {@link Approvals#apply} applies it once a person
 * approved it.
 *
 * @param riskClass the class that held it ({@code critical})
 * @param patchFile {@code changes.patch}, the change as a unified diff
 * @param patchSha256 the patch file's SHA-256, as audited
 * @param approvalFile {@code approval.json} beside it: the exact bytes to write, checked against the patch on apply
 * @param sensitivePaths the changed files that matched the class's sensitive globs
 * @param filesChanged every file the change touches
 * @param approvers who may approve (may be empty: the host's own rule applies)
 */
public record HeldChange(String riskClass, String patchFile, String patchSha256, String approvalFile,
        List<String> sensitivePaths, List<String> filesChanged, List<String> approvers) implements Serializable {

    private static final long serialVersionUID = 1L;

    public HeldChange {
        sensitivePaths = List.copyOf(sensitivePaths);
        filesChanged = List.copyOf(filesChanged);
        approvers = List.copyOf(approvers);
    }

    /** One line for a console or an exit message. */
    public String describe() {
        return "class " + riskClass + " holds this change for approval: it touches the security-sensitive path(s) "
                + String.join(", ", sensitivePaths) + "; patch " + patchFile + " (sha256 " + patchSha256 + ")"
                + (approvers.isEmpty() ? "" : "; approvers: " + String.join(", ", approvers));
    }
}
