package io.ailanes.jenkins.config;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import io.jenkins.plugins.casc.BaseConfigurator;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import java.util.List;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * {@code unclassified: aiLanes:} applied as the form saves it: the whole configuration is replaced (a field the YAML
 * leaves out gets its default, so re-applying an export restores exactly what was exported), checked as a whole with
 * the messages the form and the CLI give, and refused whole on any problem. Export is Configuration as Code's own.
 *
 * <p>Configuration as Code drops a YAML float before any plugin sees it (its model constructor clones the value, and a
 * {@code Double} does not clone), so {@code perCallUsd: 0.50} would silently mean no cap. {@link DroppedDecimals} reads
 * such values back from the file they came from.
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
        return apply(node, context, true);
    }

    /** Checks without applying: the same binding and checks, on the configuration, put back afterwards whatever. */
    @Override
    public AiLanesGlobalConfiguration check(CNode node, ConfigurationContext context) throws ConfiguratorException {
        return apply(node, context, false);
    }

    private AiLanesGlobalConfiguration apply(CNode node, ConfigurationContext context, boolean save)
            throws ConfiguratorException {
        Mapping mapping = mapping(node);
        AiLanesGlobalConfiguration global = AiLanesGlobalConfiguration.get();
        AiLanesGlobalConfiguration.Binding<ConfiguratorException> binding =
                () -> configure(mapping, global, false, context);
        List<String> problems = save ? global.replace(binding) : global.tryOut(binding);
        if (!problems.isEmpty()) {
            throw new ConfiguratorException(this, AiLanesGlobalConfiguration.refusal(problems));
        }
        return global;
    }

    /** The mapping, with the decimals Configuration as Code dropped put back ({@link DroppedDecimals}). */
    private static Mapping mapping(CNode node) throws ConfiguratorException {
        Mapping mapping = node == null ? new Mapping() : node.asMapping();
        DroppedDecimals.restore(mapping);
        return mapping;
    }
}
