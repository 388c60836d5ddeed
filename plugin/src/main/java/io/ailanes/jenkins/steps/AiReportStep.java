package io.ailanes.jenkins.steps;

import hudson.Extension;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.steps.StepValues;
import io.ailanes.jenkins.run.AiStepScope;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code aiReport}: writes cost.json and report.html from the build's audit, copies the build's AI Lanes files to
 * {@code out} and archives them. The other steps do this after each call already; this is for custom flows built
 * from {@code aiCall}.
 */
public final class AiReportStep extends AiStep<Void> {

    @DataBoundConstructor
    public AiReportStep() {}

    @DataBoundSetter
    public void setOut(String out) {
        out(out);
    }

    @Override
    protected String kind() {
        return "report";
    }

    /** Nothing but the reports, which every step writes when it ends. */
    @Override
    protected Void perform(AiStepScope scope, Cancellation cancellation) {
        return null;
    }

    @Override
    protected Object value(AiStepScope scope, Void result, CostReport report, StepContext context) {
        return StepValues.report(report, scope.out());
    }

    @Extension
    @Symbol("aiReport")
    public static final class DescriptorImpl extends AiStepDescriptor {

        public DescriptorImpl() {
            super("aiReport", "AI Lanes: write and archive the cost report", Set.of());
        }
    }
}
