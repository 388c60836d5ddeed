package io.ailanes.jenkins.config;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import hudson.model.ItemGroup;
import hudson.model.Job;
import io.ailanes.engine.config.AiLanesConfig;
import io.ailanes.engine.config.ConfigException;
import io.ailanes.engine.config.layer.ConfigLayer;
import io.ailanes.engine.config.layer.ConfigNarrowing;
import io.ailanes.engine.config.layer.EffectiveConfig;
import io.ailanes.engine.config.layer.LayerOrigin;
import java.util.ArrayList;
import java.util.List;

/** The effective configuration of a job: the global configuration narrowed by its folders, outermost first. */
public final class FolderLayers {

    private FolderLayers() {}

    /**
     * @throws ConfigException naming the folder and field of every widening attempt or bad value
     */
    public static EffectiveConfig effective(AiLanesConfig global, Job<?, ?> job) {
        List<AbstractFolder<?>> folders = new ArrayList<>();
        for (ItemGroup<?> group = job.getParent(); group instanceof AbstractFolder<?> folder; group = folder.getParent()) {
            folders.add(0, folder);
        }
        List<ConfigLayer> layers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (AbstractFolder<?> folder : folders) {
            AiLanesFolderProperty property = folder.getProperties().get(AiLanesFolderProperty.class);
            if (property == null) {
                continue;
            }
            try {
                layers.add(property.toLayer(folder.getFullName()));
            } catch (IllegalArgumentException e) {
                problems.add("folder '" + folder.getFullName() + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("the AI Lanes settings of the folders of " + job.getFullName(), problems);
        }
        return ConfigNarrowing.narrow(global, LayerOrigin.GLOBAL, layers);
    }
}
