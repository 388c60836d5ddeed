package io.ailanes.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.ailanes.engine.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's layering, as docs/ARCHITECTURE.md's table "Which package may use which" writes it down: every
 * dependency between two engine packages is one the table allows, the table names every package and has no
 * cycle, no Jenkins or CLI type reaches the engine, and the wire formats stay inside {@code provider}.
 */
class EngineArchitectureTest {

    private static final String ENGINE = "io.ailanes.engine.";
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z]+)` \\| (.+) \\|$");
    private static final Pattern NAME = Pattern.compile("`([a-z]+)`");
    private static final Pattern WIRE_FORMAT = Pattern.compile("io\\.ailanes\\.engine\\.provider\\.(openai|anthropic|gemini)\\b");

    private static JavaClasses engine;
    private static Map<String, Set<String>> allowed;

    @BeforeAll
    static void read() throws IOException {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ailanes.engine");
        allowed = table(Files.readString(Fixtures.doc("ARCHITECTURE.md")));
    }

    /** The table: package → the packages it may use, in the order written. */
    static Map<String, Set<String>> table(String architecture) {
        String section = architecture.substring(architecture.indexOf("### Which package may use which"));
        section = section.substring(0, section.indexOf("\n## "));
        Map<String, Set<String>> table = new LinkedHashMap<>();
        for (String line : section.split("\n")) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches()) {
                Set<String> uses = new TreeSet<>();
                Matcher name = NAME.matcher(row.group(2));
                while (name.find()) {
                    uses.add(name.group(1));
                }
                table.put(row.group(1), uses);
            }
        }
        return table;
    }

    /** {@code lane} for {@code io.ailanes.engine.lane.LaneRouter}; sub-packages belong to their package. */
    static String packageOf(JavaClass type) {
        String rest = type.getPackageName().substring(ENGINE.length() - 1);
        rest = rest.startsWith(".") ? rest.substring(1) : rest;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    void everyDependencyBetweenEnginePackagesIsOneTheTableAllows() {
        List<String> crossings = new ArrayList<>();
        for (JavaClass type : engine) {
            String from = packageOf(type);
            for (Dependency d : type.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                if (!target.getPackageName().startsWith(ENGINE)) {
                    continue;
                }
                String to = packageOf(target);
                if (!to.equals(from) && !allowed.getOrDefault(from, Set.of()).contains(to)) {
                    crossings.add(from + " -> " + to + ": " + d.getDescription());
                }
            }
        }
        assertThat(crossings).as("dependencies docs/ARCHITECTURE.md does not allow (change the code, or the table"
                + " with the reason)").isEmpty();
    }

    @Test
    void theTableNamesEveryEnginePackageAndOnlyThose() {
        Set<String> packages = new TreeSet<>();
        engine.forEach(type -> packages.add(packageOf(type)));
        packages.remove("");
        assertThat(allowed.keySet()).as("packages in the table").containsExactlyInAnyOrderElementsOf(packages);
        allowed.values().forEach(uses -> assertThat(packages).containsAll(uses));
    }

    @Test
    void theTableHasNoCycle() {
        assertThat(cycle(allowed)).as("a cycle in the table").isEmpty();
    }

    @Test
    void aCycleInATableIsFound() {
        Map<String, Set<String>> withCycle = new LinkedHashMap<>(allowed);
        withCycle.put("json", Set.of("steps")); // steps uses plan, plan uses json
        assertThat(cycle(withCycle)).isNotEmpty().contains("json");
    }

    @Test
    void aDependencyTheTableDoesNotListIsACrossing() {
        // The rule is only as good as its reading of the table: the table read back gives the arrows it shows.
        assertThat(allowed.get("json")).isEmpty();
        assertThat(allowed.get("lane")).containsExactly("budget", "error", "price", "provider");
        assertThat(allowed.get("config")).doesNotContain("run", "implement");
    }

    @Test
    void noJenkinsStaplerPicocliOrCallerTypeInTheEngine() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..",
                "org.jenkinsci..", "picocli..", "io.ailanes.cli..", "io.ailanes.jenkins..", "io.ailanes.pipeline..")
                .because("the engine is plain Java: the CLI and the plugin adapt it, never the other way")
                .check(engine);
    }

    @Test
    void theWireFormatsAreUsedOnlyInsideProvider() throws IOException {
        noClasses().that().resideOutsideOfPackage("io.ailanes.engine.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ailanes.engine.provider.openai..",
                        "io.ailanes.engine.provider.anthropic..", "io.ailanes.engine.provider.gemini..")
                .because("a provider kind's wire format is provider's business; callers use provider's types")
                .check(engine);
        // The CLI and the plugin are other modules (the plugin is not in the default build): read their sources.
        Path root = Fixtures.doc("ARCHITECTURE.md").getParent().getParent();
        List<String> uses = new ArrayList<>();
        for (String module : List.of("cli/src/main/java", "plugin/src/main/java")) {
            Path dir = root.resolve(module);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (WIRE_FORMAT.matcher(Files.readString(file)).find()) {
                        uses.add(root.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(uses).as("CLI or plugin sources naming a wire-format package").isEmpty();
    }

    /** Packages on a cycle of {@code graph} (empty when there is none), by depth-first search. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new LinkedHashMap<>(); // 1 on the path, 2 done
        List<String> path = new ArrayList<>();
        for (String start : graph.keySet()) {
            List<String> found = visit(start, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
            List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            return List.copyOf(path.subList(path.indexOf(node), path.size()));
        }
        state.put(node, 1);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = visit(next, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return List.of();
    }
}
