package io.ailanes.jenkins.steps;

import hudson.Extension;
import io.ailanes.engine.provider.Cancellation;
import io.ailanes.engine.report.CostReport;
import io.ailanes.engine.steps.StepValues;
import io.ailanes.jenkins.run.AiStepScope;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code aiReport}: writes cost.json and report.html from the build's audit, copies the build's AI Lanes files to
 * {@code out} and archives them. The other steps do this after each call already; this is for custom flows built
 * from {@code aiCall}.
 */
public final class AiReportStep extends Step {

    private String out = StepParameters.DEFAULT_OUT;

    @DataBoundConstructor
    public AiReportStep() {}

    public String getOut() {
        return out;
    }

    @DataBoundSetter
    public void setOut(String out) {
        this.out = StepParameters.out(out);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("aiReport")
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "aiReport";
        }

        @Override
        public String getDisplayName() {
            return "AI Lanes: write and archive the cost report";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepParameters.WORKSPACE_CONTEXT;
        }
    }

    static final class Execution extends AiStepExecution<Map<String, Object>> {

        private static final long serialVersionUID = 1L;

        private final transient AiReportStep step;

        Execution(AiReportStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> work(Cancellation cancellation) throws Exception {
            try (AiStepScope scope = AiStepScope.open(getContext(), "report", step.out, null)) {
                scope.workspace();
                CostReport report = scope.finish(scope.build().getFullDisplayName());
                return StepValues.report(report, scope.out());
            }
        }
    }
}
