package io.ailanes.engine.config.layer;

import java.util.Objects;

/**
 * Where a configuration layer comes from: the base ({@code global} in Jenkins, the first file in the CLI), a Jenkins
 * folder, a narrowing file, or the risk class the run is held to (its {@code allowedRegions}). Provenance and messages
 * name layers this way.
 *
 * @param kind {@code global}, {@code folder}, {@code file} or {@code risk class}
 * @param name the folder's full name, the file's path or the class's id; null for {@code global}
 */
public record LayerOrigin(String kind, String name) {

    /** The Jenkins global configuration. */
    public static final LayerOrigin GLOBAL = new LayerOrigin("global", null);

    public LayerOrigin {
        Objects.requireNonNull(kind, "kind");
    }

    public static LayerOrigin folder(String fullName) {
        return new LayerOrigin("folder", fullName);
    }

    public static LayerOrigin file(String path) {
        return new LayerOrigin("file", path);
    }

    /** The risk class a run is held to, as the layer its {@code allowedRegions} narrow the configuration with. */
    public static LayerOrigin riskClass(String id) {
        return new LayerOrigin(RISK_CLASS, id);
    }

    private static final String RISK_CLASS = "risk class";

    /** The setting to change for more data regions than this layer allows, as messages name it. */
    public String regionsSetting() {
        return switch (kind) {
            case RISK_CLASS -> "allowedRegions of risk class " + name + " (riskClasses; in Jenkins, the risk class's"
                    + " Allowed data regions), or run the job under another risk class";
            case "folder" -> "the Allowed data regions of folder '" + name + "' (its AI Lanes settings)";
            case "file" -> "policy.allowedRegions of " + name;
            default -> "policy.allowedRegions of " + described();
        };
    }

    /** As provenance shows it: {@code global}, {@code folder team-a/payments}, {@code file team.yaml}. */
    public String label() {
        return name == null ? kind : kind + " " + name;
    }

    /** As a sentence names it: {@code the global configuration}, {@code folder 'team-a'}. */
    public String described() {
        return name == null ? "the " + kind + " configuration" : kind + " '" + name + "'";
    }

    @Override
    public String toString() {
        return label();
    }
}
