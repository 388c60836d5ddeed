package io.ailanes.jenkins.action;

import hudson.Functions;
import hudson.model.Item;
import hudson.model.Run;
import jakarta.servlet.ServletException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The build's AI Lanes pages, what {@link AiLanesRunAction} hands every request under its URL to: the details page
 * ({@code ai-lanes/}, {@code index.jelly}) and the report ({@code ai-lanes/report}). Made per request from one
 * {@link BuildRecord}, so a page shows one state of the build throughout.
 *
 * <p>Model output (plan summary, review summary, gate failures) is shown only through escaped Jelly expressions.
 */
public final class BuildDetails {

    private final Run<?, ?> run;
    private final BuildRecord record;

    BuildDetails(Run<?, ?> run, BuildRecord record) {
        this.run = run;
        this.record = record;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public BuildRecord getRecord() {
        return record;
    }

    /** The build's report.html on the controller. */
    static File reportFile(Run<?, ?> run) {
        return new File(new File(run.getRootDir(), AiLanesRunAction.DIR), "report.html");
    }

    public boolean isReportAvailable() {
        return run != null && reportFile(run).isFile();
    }

    /**
     * The build's report.html, served under a policy that lets its inline styles and SVG render but runs no script
     * and loads nothing (the report is self-contained, and holds model-produced text, escaped by the engine). The
     * archived copy is served by Jenkins under its stricter artifact policy, which drops the styling.
     */
    public void doReport(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        // As core guards its own artifact pages: Run/Artifacts exists only when a system property turns it on.
        run.checkPermission(Functions.isArtifactsPermissionEnabled() ? Run.ARTIFACTS : Item.READ);
        File file = reportFile(run);
        if (!file.isFile()) {
            rsp.sendError(404);
            return;
        }
        rsp.setContentType("text/html;charset=UTF-8");
        rsp.setHeader("Content-Security-Policy",
                "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        try (OutputStream out = rsp.getOutputStream()) {
            Files.copy(file.toPath(), out);
        }
    }
}
