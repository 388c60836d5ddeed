package io.ailanes.jenkins.steps;

import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * The descriptor of an {@link AiStep}: its name, its title in the snippet generator, the context it needs, the
 * argument check when a Pipeline creates the step, and what of its arguments the step list and the Pipeline graph
 * may show. Concrete descriptors add {@code @Extension @Symbol} and, for a parameter with a fixed set of values, a
 * {@code doFill…Items} from the engine's {@code Choice} enum ({@code Fields.items}).
 */
public abstract class AiStepDescriptor extends StepDescriptor {

    private final String functionName;
    private final String displayName;
    private final Set<String> privateArguments;

    /**
     * @param privateArguments arguments whose text must not show in the step list or the graph (a task, a prompt:
     *     long, and possibly private)
     */
    protected AiStepDescriptor(String functionName, String displayName, Set<String> privateArguments) {
        this.functionName = functionName;
        this.displayName = displayName;
        this.privateArguments = Set.copyOf(privateArguments);
    }

    @Override
    public final String getFunctionName() {
        return functionName;
    }

    @Override
    public final String getDisplayName() {
        return displayName;
    }

    /**
     * Every AI Lanes step needs the build and its log. The workspace is not required here even for the steps that
     * use it: Pipeline would then fail outside {@code node} with its own "FilePath is missing" and a stack trace,
     * where the step says what to do ({@code AiStepScope}).
     */
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return StepParameters.WORKSPACE_CONTEXT;
    }

    /**
     * Binds the arguments as Pipeline does, then checks them, so a wrong call fails here, before the step starts,
     * with the step's own message. (Overriding this makes Pipeline call it instead of binding with the build's log:
     * a warning about an unknown parameter then goes to the Jenkins log.)
     */
    @Override
    public Step newInstance(Map<String, Object> arguments) throws Exception {
        AiStep<?> step = (AiStep<?>) super.newInstance(arguments);
        step.checkArguments();
        return step;
    }

    /** Nothing when a private argument is given; otherwise as Pipeline shows arguments (a lone value). */
    @Override
    public String argumentsToString(Map<String, Object> namedArgs) {
        for (String name : privateArguments) {
            if (namedArgs.containsKey(name)) {
                return null;
            }
        }
        return super.argumentsToString(namedArgs);
    }
}
