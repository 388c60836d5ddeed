package io.ailanes.engine.riskpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ailanes.engine.audit.AuditEntry;
import io.ailanes.engine.audit.AuditReader;
import io.ailanes.engine.audit.AuditVerifier;
import io.ailanes.engine.audit.Sha256;
import io.ailanes.engine.audit.VerificationResult;
import io.ailanes.engine.edit.FileSnapshot;
import io.ailanes.engine.edit.RecordingWorkspace;
import io.ailanes.engine.edit.Workspace;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.json.Json;
import io.ailanes.engine.report.PolicyEvent;
import io.ailanes.engine.run.AiRun;
import io.ailanes.engine.run.AuditReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Holding a security-sensitive change for a person's approval, and applying it once approved.
 *
 * <p>Holding happens after the implement step returned (its gates ran on the edited tree): the exact bytes the change
 * writes go to {@value #FILE} beside {@code changes.patch}, the workspace is put back byte for byte to its state before
 * the step, and an {@code APPROVAL_REQUIRED} audit event names the patch's SHA-256. Applying checks that the patch is
 * the audited one, that {@value #FILE} makes exactly that patch from the workspace as it is now (so nothing else can
 * be slipped in, and a workspace that moved on is refused), writes the files, and audits {@code APPROVED} with who
 * approved.
 */
public final class Approvals {

    /** The exact content of a held change, beside {@code changes.patch}. */
    public static final String FILE = "approval.json";
    public static final String PATCH_SHA256 = "patchSha256";
    public static final String APPROVED_BY = "approvedBy";
    public static final String SENSITIVE_PATHS = "sensitivePaths";
    public static final String APPROVERS = "approvers";
    private static final String SCHEMA = "ai-lanes/approval/v1";

    private Approvals() {}

    /** Where an approval event goes: the run's audit ({@link AiRun#recordAllowedEvent}) or a CLI's audit log. */
    @FunctionalInterface
    public interface Recorder {
        void record(String kind, String message, Map<String, String> attributes);
    }

    /** What {@link #apply} wrote. */
    public record Applied(String patchSha256, List<String> files, String approvedBy) {
        public Applied {
            files = List.copyOf(files);
        }
    }

    /** A refusal to apply: the patch, the approval file or the workspace is not what was held. Nothing was written. */
    public static final class RefusedException extends io.ailanes.engine.error.AiLanesException {
        public RefusedException(String message) {
            super(message);
        }

        @Override
        public Category category() {
            return Category.USAGE;
        }
    }

    /**
     * After the implement step: holds the change when the class requires approval and it touches a sensitive path.
     * A change that failed its gates and touches a sensitive path is not held but put back (nothing unapproved stays).
     *
     * @param workspace the workspace the implementer wrote through, which knows each file's bytes before the step
     * @return the held change, or empty when nothing is held
     */
    public static Optional<HeldChange> hold(AiRun run, RiskPolicy policy, RecordingWorkspace workspace,
            Implementer.Result result, Path outDir) throws IOException {
        List<String> sensitive = policy.sensitive(result.filesChanged());
        if (result.filesChanged().isEmpty() || !policy.holdsForApproval(result.filesChanged())) {
            return Optional.empty();
        }
        FileSnapshot before = workspace.before();
        String label = policy.riskClass().id();
        if (!result.passed()) {
            restoreExactly(workspace, before);
            run.recordAllowedEvent("implement", result.lane(), PolicyEvent.RISK_SENSITIVE, "failed change put back: it"
                    + " touches the security-sensitive path(s) " + String.join(", ", sensitive) + " of class " + label
                    + ", which may not stay in the workspace without approval", Map.of(RiskPolicy.ATTRIBUTE, label));
            return Optional.empty();
        }
        FileSnapshot after = workspace.snapshot(before.files().keySet());
        Path patchFile = result.patchFile();
        byte[] patch = Files.readAllBytes(patchFile);
        String sha = Sha256.hex(patch);
        Path approvalFile = outDir.resolve(FILE);
        writeBundle(approvalFile, sha, before, after);
        restoreExactly(workspace, before);
        List<String> approvers = policy.bundle().approvers();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(RiskPolicy.ATTRIBUTE, label);
        attributes.put(PATCH_SHA256, sha);
        attributes.put(SENSITIVE_PATHS, String.join(",", sensitive));
        attributes.put(APPROVERS, String.join(",", approvers));
        HeldChange held = new HeldChange(label, patchFile.toString(), sha, approvalFile.toString(), sensitive,
                result.filesChanged(), approvers);
        run.recordAllowedEvent("implement", result.lane(), PolicyEvent.APPROVAL_REQUIRED, "change held for approval,"
                + " workspace put back: it touches the security-sensitive path(s) " + String.join(", ", sensitive)
                + " of class " + label + "; patch sha256 " + sha
                + (approvers.isEmpty() ? "" : "; approvers: " + String.join(", ", approvers)), attributes);
        return Optional.of(held);
    }

    private static void restoreExactly(Workspace workspace, FileSnapshot before) throws IOException {
        workspace.restore(before);
        if (!workspace.snapshot(before.files().keySet()).equals(before)) {
            throw new IOException("the workspace could not be put back to its state before the step: "
                    + before.files().keySet());
        }
    }

    private static void writeBundle(Path file, String patchSha256, FileSnapshot before, FileSnapshot after)
            throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put(PATCH_SHA256, patchSha256);
        ArrayNode files = root.putArray("files");
        Base64.Encoder base64 = Base64.getEncoder();
        for (Map.Entry<String, Optional<byte[]>> e : before.files().entrySet()) {
            Optional<byte[]> now = after.files().getOrDefault(e.getKey(), Optional.empty());
            if (e.getValue().isPresent() == now.isPresent()
                    && (now.isEmpty() || Arrays.equals(e.getValue().get(), now.get()))) {
                continue; // touched and put back by a later round: not part of the change
            }
            ObjectNode f = files.addObject();
            f.put("path", e.getKey());
            f.put("beforeSha256", e.getValue().map(Sha256::hex).orElse(null));
            f.put("after", now.map(base64::encodeToString).orElse(null));
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    /**
     * The change an audit holds for approval.
     *
     * @param patchSha256 the held patch's SHA-256
     * @param runId the run that held it
     * @param lane the lane of the step that made it
     * @param riskClass the class that held it
     */
    public record Pending(String patchSha256, String runId, String lane, String riskClass) {}

    /**
     * The change the audit holds for approval and has not seen approved (the last one held), after verifying the
     * audit's hash chain.
     *
     * @throws RefusedException when the audit does not verify or holds no pending change
     */
    public static Pending pending(Path auditFile) throws IOException {
        VerificationResult verified;
        try {
            verified = AuditVerifier.verify(auditFile);
        } catch (NoSuchFileException e) {
            throw new RefusedException("no audit log at " + auditFile + ": give the --out folder of the run that held"
                    + " the change");
        }
        if (!verified.ok()) {
            throw new RefusedException("the audit log " + auditFile + " does not verify (run ai-lanes audit verify): no"
                    + " approval can be trusted to it");
        }
        Pending pending = null;
        try (AuditReader reader = AuditReader.open(auditFile)) {
            for (AuditEntry entry : reader) {
                String kind = entry.attributes().get(AuditReports.EVENT);
                if (PolicyEvent.APPROVAL_REQUIRED.equals(kind)) {
                    pending = new Pending(entry.attributes().get(PATCH_SHA256), entry.runId(), entry.lane(),
                            entry.attributes().get(RiskPolicy.ATTRIBUTE));
                } else if (PolicyEvent.APPROVED.equals(kind) && pending != null
                        && pending.patchSha256().equals(entry.attributes().get(PATCH_SHA256))) {
                    pending = null;
                }
            }
        }
        if (pending == null) {
            throw new RefusedException("the audit log " + auditFile + " holds no change waiting for approval");
        }
        return pending;
    }

    /**
     * Applies a held change after a person approved it, and records {@code APPROVED}.
     *
     * @param patchFile the held {@code changes.patch}; {@value #FILE} is read from the same folder
     * @param auditedSha256 the SHA-256 the {@code APPROVAL_REQUIRED} event names
     * @param approvedBy who approved (a user id)
     * @throws RefusedException when the patch is not the audited one, the approval file does not make exactly that
     *     patch, or the workspace no longer holds the files the change was made on (nothing written)
     */
    public static Applied apply(Workspace workspace, Path patchFile, String auditedSha256, String approvedBy,
            Recorder recorder) throws IOException {
        if (approvedBy == null || approvedBy.isBlank()) {
            throw new RefusedException("who approved is missing: name the approver");
        }
        byte[] patch = Files.readAllBytes(patchFile);
        String sha = Sha256.hex(patch);
        if (!sha.equals(auditedSha256)) {
            throw new RefusedException("the patch " + patchFile + " has sha256 " + sha + ", but the audited held change"
                    + " has " + auditedSha256 + ": it was changed after it was held; nothing applied");
        }
        Path bundleFile = patchFile.resolveSibling(FILE);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readAllBytes(bundleFile));
        } catch (NoSuchFileException e) {
            throw new RefusedException("no " + FILE + " beside " + patchFile + ": the held change's files are needed");
        }
        if (!sha.equals(root.path(PATCH_SHA256).asText())) {
            throw new RefusedException(bundleFile + " belongs to another patch; nothing applied");
        }
        Map<String, Optional<byte[]>> afterFiles = new TreeMap<>();
        Map<String, String> beforeShas = new TreeMap<>();
        Base64.Decoder base64 = Base64.getDecoder();
        for (JsonNode f : root.path("files")) {
            String path = f.path("path").asText();
            beforeShas.put(path, f.path("beforeSha256").isNull() ? null : f.path("beforeSha256").asText());
            afterFiles.put(path, f.path("after").isNull() ? Optional.empty()
                    : Optional.of(base64.decode(f.path("after").asText())));
        }
        FileSnapshot now = workspace.snapshot(afterFiles.keySet());
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, String> e : beforeShas.entrySet()) {
            String current = now.files().getOrDefault(e.getKey(), Optional.empty()).map(Sha256::hex).orElse(null);
            if (!java.util.Objects.equals(current, e.getValue())) {
                moved.add(e.getKey());
            }
        }
        if (!moved.isEmpty()) {
            throw new RefusedException("the workspace changed since the change was held (" + String.join(", ", moved)
                    + "): the patch was made on other files; nothing applied");
        }
        FileSnapshot after = new FileSnapshot(afterFiles);
        if (!now.diffTo(after).patch().equals(new String(patch, java.nio.charset.StandardCharsets.UTF_8))) {
            throw new RefusedException(bundleFile + " does not make the audited patch; nothing applied");
        }
        workspace.restore(after);
        List<String> files = new ArrayList<>(afterFiles.keySet());
        recorder.record(PolicyEvent.APPROVED, "held change approved by " + approvedBy + " and applied: "
                + String.join(", ", files) + "; patch sha256 " + sha, Map.of(PATCH_SHA256, sha, APPROVED_BY, approvedBy));
        return new Applied(sha, files, approvedBy);
    }
}
