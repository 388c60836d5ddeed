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
 * cycle, no Jenkins or CLI type reaches the engine, and the wire formats stay inside {@code provider}; and, as its
 * list "The engine's API" says, the CLI and the plugin import only from the engine's API packages.
 */
class EngineArchitectureTest {

    private static final String ENGINE = "io.ailanes.engine.";
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z]+)` \\| (.+) \\|$");
    private static final Pattern NAME = Pattern.compile("`([a-z]+)`");
    private static final Pattern WIRE_FORMAT = Pattern.compile("io\\.ailanes\\.engine\\.provider\\.(openai|anthropic|gemini)\\b");
    private static final Pattern DOTTED_NAME = Pattern.compile("`([a-z][a-z.]*)`");
    /** An engine type named in Java source, by import or fully qualified: group 1 is its package after the engine's. */
    private static final Pattern ENGINE_TYPE = Pattern.compile("\\bio\\.ailanes\\.engine\\.((?:[a-z][a-z0-9_]*\\.)*[a-z][a-z0-9_]*)\\.([A-Z]\\w*)");

    private static JavaClasses engine;
    private static Map<String, Set<String>> allowed;
    private static Api api;

    @BeforeAll
    static void read() throws IOException {
        engine = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ailanes.engine");
        allowed = table(Files.readString(Fixtures.doc("ARCHITECTURE.md")));
        api = Api.read(Files.readString(Fixtures.doc("ARCHITECTURE.md")));
    }

    /**
     * docs/ARCHITECTURE.md's list "The engine's API": the packages the CLI and the plugin may import from, those
     * they may not, and those only their tests may. Names are relative to {@code io.ailanes.engine}; a package
     * belongs to the longest name listed that is it or contains it.
     */
    record Api(Set<String> api, Set<String> notApi, Set<String> testsOnly) {

        static Api read(String architecture) {
            String section = architecture.substring(architecture.indexOf("### The engine's API"));
            section = section.substring(0, section.indexOf("\n## "));
            return new Api(names(section, "- API: "), names(section, "- not API: "), names(section, "- for their tests only: "));
        }

        private static Set<String> names(String section, String prefix) {
            Set<String> names = new TreeSet<>();
            for (String line : section.split("\n")) {
                if (line.startsWith(prefix)) {
                    Matcher name = DOTTED_NAME.matcher(line.substring(prefix.length()));
                    while (name.find()) {
                        names.add(name.group(1));
                    }
                }
            }
            return names;
        }

        /** The listed name {@code pkg} falls under, or null when the list does not place it. */
        String placing(String pkg) {
            String best = null;
            for (String listed : all()) {
                if ((pkg.equals(listed) || pkg.startsWith(listed + ".")) && (best == null || listed.length() > best.length())) {
                    best = listed;
                }
            }
            return best;
        }

        Set<String> all() {
            Set<String> all = new TreeSet<>(api);
            all.addAll(notApi);
            all.addAll(testsOnly);
            return all;
        }

        /** Whether a source of the CLI or the plugin may import from {@code pkg}. */
        boolean allows(String pkg, boolean test) {
            String listed = placing(pkg);
            return listed != null && (api.contains(listed) || test && testsOnly.contains(listed));
        }
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
        assertThat(allowed.get("lane")).contains("budget", "price", "provider").doesNotContain("config", "run");
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

    @Test
    void theApiListPlacesEveryEnginePackageOnOneSide() {
        assertThat(api.api()).as("API packages").contains("provider", "run", "config");
        assertThat(api.notApi()).as("packages that are not API").contains("provider.http", "provider.openai");
        Set<String> both = new TreeSet<>(api.api());
        both.retainAll(api.notApi());
        assertThat(both).as("packages listed both as API and not").isEmpty();
        Set<String> unplaced = new TreeSet<>();
        engine.forEach(type -> {
            String pkg = type.getPackageName().equals("io.ailanes.engine") ? "" : type.getPackageName().substring(ENGINE.length());
            if (!pkg.isEmpty() && api.placing(pkg) == null) {
                unplaced.add(pkg);
            }
        });
        assertThat(unplaced).as("engine packages docs/ARCHITECTURE.md's API list does not place").isEmpty();
        assertThat(allowed.keySet()).as("every top package is placed").allSatisfy(p -> assertThat(api.placing(p)).isNotNull());
    }

    @Test
    void aSubPackageFollowsItsPackageUnlessItIsNamed() {
        assertThat(api.allows("config.layer", false)).isTrue();
        assertThat(api.allows("provider", false)).isTrue();
        assertThat(api.allows("provider.proxy", false)).isTrue();
        assertThat(api.allows("provider.http", false)).isFalse();
        assertThat(api.allows("provider.gemini", false)).isFalse();
        assertThat(api.allows("prompt", false)).isFalse();
        assertThat(api.allows("testing", false)).isFalse();
        assertThat(api.allows("testing", true)).isTrue();
        assertThat(api.allows("providers", false)).as("a name is not a prefix of another").isFalse();
    }

    @Test
    void theCliAndThePluginImportOnlyFromTheApi() throws IOException {
        Path root = Fixtures.doc("ARCHITECTURE.md").getParent().getParent();
        List<String> outside = new ArrayList<>();
        int read = 0;
        for (String module : List.of("cli/src/main/java", "cli/src/test/java", "plugin/src/main/java", "plugin/src/test/java")) {
            Path dir = root.resolve(module);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            boolean test = module.contains("/test/");
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    read++;
                    Matcher type = ENGINE_TYPE.matcher(Files.readString(file));
                    while (type.find()) {
                        if (!api.allows(type.group(1), test)) {
                            outside.add(root.relativize(file) + ": " + type.group());
                        }
                    }
                }
            }
        }
        assertThat(read).as("CLI sources read").isPositive();
        assertThat(outside).as("CLI or plugin sources using an engine package that docs/ARCHITECTURE.md does not list as"
                + " API (use the API, or list the package there with the reason)").isEmpty();
    }

    @Test
    void anImportFromTheTransportIsCaught() {
        Matcher type = ENGINE_TYPE.matcher("import io.ailanes.engine.provider.http.Providers;");
        assertThat(type.find()).isTrue();
        assertThat(type.group(1)).isEqualTo("provider.http");
        assertThat(api.allows(type.group(1), false)).isFalse();
        Matcher nested = ENGINE_TYPE.matcher("io.ailanes.engine.provider.ProviderConfig.TokenLimitField x;");
        assertThat(nested.find()).isTrue();
        assertThat(nested.group(1)).isEqualTo("provider");
    }

    @Test
    void providersValuesDependOnNoneOfItsSubPackages() {
        noClasses().that().resideInAPackage("io.ailanes.engine.provider")
                .should().dependOnClassesThat().resideInAnyPackage("io.ailanes.engine.provider.http..",
                        "io.ailanes.engine.provider.proxy..", "io.ailanes.engine.provider.openai..",
                        "io.ailanes.engine.provider.anthropic..", "io.ailanes.engine.provider.gemini..")
                .because("the values callers use must not drag the transport or a wire format along")
                .check(engine);
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
