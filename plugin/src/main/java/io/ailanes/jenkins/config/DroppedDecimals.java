package io.ailanes.jenkins.config;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.casc.model.Mapping;
import io.jenkins.plugins.casc.model.Sequence;
import io.jenkins.plugins.casc.model.Source;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Puts back the decimals Configuration as Code's reader drops. Its model constructor clones every map value and keeps
 * what comes back; a YAML float ({@code 0.50}) is a {@code Double}, which does not clone, so the key vanishes and
 * {@code perCallUsd: 0.50} would silently mean "no cap". The mapping remembers the file and line it came from: the
 * file is read again (plain YAML, composed, nothing constructed) and each float missing from the mapping is put back
 * as the text it was written as. A source that is not a local file (a URL, the body of a POST to the apply endpoint)
 * is not read again: there decimals must be quoted, as the docs show.
 */
final class DroppedDecimals {

    private static final Logger LOGGER = Logger.getLogger(DroppedDecimals.class.getName());

    private DroppedDecimals() {}

    /** Restores into {@code mapping} the floats its source file holds and it lost. */
    static void restore(Mapping mapping) {
        Source source = mapping.getSource();
        if (source == null || source.file() == null) {
            return;
        }
        Path file = locate(source.file());
        if (file == null) {
            return;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Node document : new Yaml(new LoaderOptions()).composeAll(reader)) {
                MappingNode raw = find(document, source.line());
                if (raw != null) {
                    restore(raw, mapping);
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "cannot read " + file + " again for its decimals", e);
        }
    }

    /**
     * The file a source name stands for: a path as given, or, as Configuration as Code names what it read from its
     * configured locations, a file name or a path relative to one of those locations.
     */
    static Path locate(String name) {
        Path given = path(name);
        if (given != null && given.isAbsolute() && Files.isRegularFile(given)) {
            return given;
        }
        for (String location : ConfigurationAsCode.get().getSources()) {
            Path root = path(location);
            if (root == null) {
                continue;
            }
            if (Files.isRegularFile(root) && root.getFileName() != null && root.getFileName().toString().equals(name)) {
                return root;
            }
            if (Files.isDirectory(root) && given != null && Files.isRegularFile(root.resolve(given))) {
                return root.resolve(given);
            }
        }
        return null; // a URL or a request body: not a file to read again
    }

    private static Path path(String name) {
        try {
            return name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The mapping node that starts on {@code line} (1-based), as Configuration as Code records it. */
    private static MappingNode find(Node node, int line) {
        if (node instanceof MappingNode mapping) {
            if (mapping.getStartMark() != null && mapping.getStartMark().getLine() + 1 == line) {
                return mapping;
            }
            for (NodeTuple tuple : mapping.getValue()) {
                MappingNode found = find(tuple.getValueNode(), line);
                if (found != null) {
                    return found;
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                MappingNode found = find(item, line);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void restore(MappingNode raw, Mapping mapping) {
        for (NodeTuple tuple : raw.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                continue;
            }
            String key = keyNode.getValue();
            Node value = tuple.getValueNode();
            CNode kept = mapping.get(key);
            if (value instanceof ScalarNode scalar && Tag.FLOAT.equals(scalar.getTag()) && kept == null) {
                mapping.put(key, scalar.getValue());
            } else if (value instanceof MappingNode inner && kept instanceof Mapping keptMapping) {
                restore(inner, keptMapping);
            } else if (value instanceof SequenceNode items && kept instanceof Sequence keptItems) {
                List<Node> rawItems = items.getValue();
                for (int i = 0; i < Math.min(rawItems.size(), keptItems.size()); i++) {
                    if (rawItems.get(i) instanceof MappingNode innerItem && keptItems.get(i) instanceof Mapping keptItem) {
                        restore(innerItem, keptItem);
                    }
                }
            }
        }
    }
}
