package io.ailanes.jenkins.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import groovy.lang.GroovyClassLoader;
import hudson.util.ListBoxModel;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The shared library's tests mock the plugin's steps from a hand-kept mirror of their contract
 * ({@code shared-library/src/test/groovy/io/ailanes/sharedlib/PluginSteps.groovy}): the default build cannot load
 * the plugin. This holds the mirror to the real steps: the same steps, the same parameters of the same kinds, the
 * same fixed values as the forms list, the same block steps.
 */
@WithJenkins
class PluginStepsMirrorTest {

    private static final Path MIRROR = Path.of(System.getProperty("ai-lanes.docs", "../docs"))
            .resolveSibling("shared-library/src/test/groovy/io/ailanes/sharedlib/PluginSteps.groovy");

    @Test
    @SuppressWarnings("unchecked")
    void theSharedLibrarysMirrorOfTheStepContractIsThePlugins(JenkinsRule r) throws Exception {
        Class<?> mirror;
        try (GroovyClassLoader loader = new GroovyClassLoader(getClass().getClassLoader())) {
            mirror = loader.parseClass(Files.readString(MIRROR), "PluginSteps.groovy");
        }
        Map<String, Map<String, Class<?>>> parameters = (Map<String, Map<String, Class<?>>>) field(mirror, "PARAMETERS");
        Map<String, List<String>> choices = (Map<String, List<String>>) field(mirror, "CHOICES");
        List<String> blockSteps = (List<String>) field(mirror, "BLOCK_STEPS");

        Map<String, Map<String, String>> realParameters = new TreeMap<>();
        Map<String, List<String>> realChoices = new TreeMap<>();
        List<String> realBlockSteps = new ArrayList<>();
        for (StepDescriptor d : StepDescriptor.all()) {
            if (!d.clazz.getPackageName().equals(AiStep.class.getPackageName())) {
                continue;
            }
            Map<String, String> kinds = new TreeMap<>();
            for (DescribableParameter p : DescribableModel.of(d.clazz).getParameters()) {
                kinds.put(p.getName(), kind(p.getErasedType()));
            }
            realParameters.put(d.getFunctionName(), kinds);
            for (Method m : d.getClass().getMethods()) {
                if (m.getName().startsWith("doFill") && m.getName().endsWith("Items") && m.getParameterCount() == 0) {
                    String name = m.getName().substring(6, 7).toLowerCase() + m.getName().substring(7, m.getName().length() - 5);
                    List<String> values = new ArrayList<>();
                    for (ListBoxModel.Option option : (ListBoxModel) m.invoke(d)) {
                        values.add(option.value);
                    }
                    realChoices.put(d.getFunctionName() + "." + name, values);
                }
            }
            if (d.takesImplicitBlockArgument()) {
                realBlockSteps.add(d.getFunctionName());
            }
        }

        Map<String, Map<String, String>> mirrored = new TreeMap<>();
        parameters.forEach((step, known) -> {
            Map<String, String> kinds = new TreeMap<>();
            known.forEach((name, type) -> kinds.put(name, type.getSimpleName()));
            mirrored.put(step, kinds);
        });
        assertEquals(realParameters, mirrored, "PluginSteps.PARAMETERS against the steps' DescribableModels");
        assertEquals(realChoices, new TreeMap<>(choices), "PluginSteps.CHOICES against the steps' doFill…Items");
        assertEquals(realBlockSteps, blockSteps, "PluginSteps.BLOCK_STEPS");
    }

    private static Object field(Class<?> type, String name) throws ReflectiveOperationException {
        var field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    /** The mirror's names for the kinds a Pipeline passes: Integer for a whole number, Number for a USD amount. */
    private static String kind(Class<?> type) {
        if (type == String.class) {
            return "String";
        }
        if (type == int.class || type == Integer.class || type == long.class) {
            return "Integer";
        }
        if (type == double.class || type == Double.class) {
            return "Number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "Boolean";
        }
        if (List.class.isAssignableFrom(type)) {
            return "List";
        }
        return type.getName();
    }
}
