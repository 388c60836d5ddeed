package io.ailanes.jenkins.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.casc.BaseConfigurator;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * {@code unclassified: aiLanes:} applied as the form saves it: the whole configuration is replaced (a field the YAML
 * leaves out gets its default, so re-applying an export restores exactly what was exported), checked as a whole with
 * the messages the form and the CLI give, and refused whole on any problem. Export is Configuration as Code's own.
 *
 * <p>Configuration as Code drops a YAML float before any plugin sees it (its model constructor clones the value, and a
 * {@code Double} does not clone), so {@code perCallUsd: 0.50} would silently mean no cap: a key left without a value is
 * refused here, with the fix.
 */
@Extension(optional = true)
@Restricted(NoExternalUse.class)
public final class AiLanesConfigurator extends BaseConfigurator<AiLanesGlobalConfiguration> {

    @Override
    public Class<AiLanesGlobalConfiguration> getTarget() {
        return AiLanesGlobalConfiguration.class;
    }

    @Override
    protected AiLanesGlobalConfiguration instance(Mapping mapping, ConfigurationContext context) {
        return AiLanesGlobalConfiguration.get();
    }

    @NonNull
    @Override
    public AiLanesGlobalConfiguration configure(CNode node, ConfigurationContext context) throws ConfiguratorException {
        Mapping mapping = mapping(node);
        AiLanesGlobalConfiguration global = AiLanesGlobalConfiguration.get();
        List<String> problems = global.replace(() -> configure(mapping, global, false, context));
        if (!problems.isEmpty()) {
            throw new ConfiguratorException(this, AiLanesGlobalConfiguration.refusal(problems));
        }
        return global;
    }

    /** Checks without applying: the same binding and checks, on the configuration, put back afterwards whatever. */
    @Override
    public AiLanesGlobalConfiguration check(CNode node, ConfigurationContext context) throws ConfiguratorException {
        Mapping mapping = mapping(node);
        AiLanesGlobalConfiguration global = AiLanesGlobalConfiguration.get();
        List<String> problems = global.tryOut(() -> configure(mapping, global, false, context));
        if (!problems.isEmpty()) {
            throw new ConfiguratorException(this, AiLanesGlobalConfiguration.refusal(problems));
        }
        return global;
    }

    private Mapping mapping(CNode node) throws ConfiguratorException {
        Mapping mapping = node == null ? new Mapping() : node.asMapping();
        List<String> empty = new ArrayList<>();
        keysWithoutValue(mapping, "", empty);
        if (!empty.isEmpty()) {
            throw new ConfiguratorException(this, AiLanesGlobalConfiguration.refusal(empty));
        }
        return mapping;
    }

    /** Keys whose value Configuration as Code's parser left null: an unquoted decimal, or nothing written. */
    static void keysWithoutValue(Mapping mapping, String path, List<String> problems) throws ConfiguratorException {
        for (Map.Entry<String, CNode> entry : mapping.entrySet()) {
            String at = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            CNode value = entry.getValue();
            if (value == null) {
                problems.add(at + ": no value. Configuration as Code drops a number with a decimal point unless it is"
                        + " quoted: write " + entry.getKey() + ": '0.50', not " + entry.getKey() + ": 0.50");
            } else if (value.getType() == CNode.Type.MAPPING) {
                keysWithoutValue(value.asMapping(), at, problems);
            } else if (value.getType() == CNode.Type.SEQUENCE) {
                List<?> items = value.asSequence(); // items the parser could not turn into nodes stay raw objects
                for (int i = 0; i < items.size(); i++) {
                    Object item = items.get(i);
                    if (item instanceof Mapping inner) {
                        keysWithoutValue(inner, at + "[" + i + "]", problems);
                    } else if (!(item instanceof CNode)) {
                        problems.add(at + "[" + i + "]: " + item + " must be written in quotes");
                    }
                }
            }
        }
    }
}
