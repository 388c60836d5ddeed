package io.ailanes.engine.config.layer;

import java.util.Objects;

/**
 * Where a configuration layer comes from: the base ({@code global} in Jenkins, the first file in the CLI), a Jenkins
 * folder, or a narrowing file. Provenance and messages name layers this way.
 *
 * @param kind {@code global}, {@code folder} or {@code file}
 * @param name the folder's full name or the file's path; null for {@code global}
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
