package io.ailanes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/CLI.md cannot drift from the CLI: every command in {@code --help} (subcommands too) has a section
 * headed {@code ## `ai-lanes <command>`}, and every option and parameter its {@code --help} lists has a row
 * in that section's table ({@code | `--option=VALUE` | ... |}). A failure names what is missing and prints
 * the row to add, built from the help text.
 */
class CliDocTest {

    private static final Path DOC = Path.of("..", "docs", "CLI.md");
    /** Options every command has; the doc explains them once. */
    private static final List<String> STANDARD = List.of("--help", "--version");
    /** A command in a "Commands:" list: two spaces, the name, then its description. */
    private static final Pattern COMMAND = Pattern.compile("^  ([a-z][a-z0-9-]*)\\s");
    /**
     * An option or parameter line: "  -h, --help  ..." or "      --out=DIR  ..." or "      [PROMPT]  ...".
     * Continuation lines of a description are indented further, so they never match.
     */
    private static final Pattern OPTION = Pattern.compile(
            "^(?:  -\\w, |      )(--[a-z][a-z0-9-]*(?:=\\S+)?|\\[?[A-Z][A-Z_]*]?)(?:\\s{2,}(.*))?$");

    /** One option as help shows it: {@code --out=DIR} (name {@code --out}) or {@code [PROMPT]}, and its description. */
    record HelpEntry(String shown, String description) {

        String name() {
            int eq = shown.indexOf('=');
            return eq < 0 ? shown : shown.substring(0, eq);
        }

        String row() {
            return "| `" + shown + "` | " + description.replace("|", "\\|") + " |";
        }
    }

    @Test
    void everyCommandAndOptionInHelpIsInTheDoc() throws IOException {
        String doc = Files.readString(DOC);
        Map<String, List<HelpEntry>> commands = new LinkedHashMap<>();
        collect(List.of(), commands);
        assertThat(commands).as("commands found in --help").containsKeys("demo", "run", "implement", "audit verify");

        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<HelpEntry>> command : commands.entrySet()) {
            String section = section(doc, command.getKey());
            if (section == null) {
                missing.add("no section '## `ai-lanes " + command.getKey() + "`'");
                continue;
            }
            for (HelpEntry entry : command.getValue()) {
                if (STANDARD.contains(entry.name())) {
                    continue;
                }
                if (!Pattern.compile("(?m)^\\| `" + Pattern.quote(entry.name()) + "[=`]").matcher(section).find()) {
                    missing.add("ai-lanes " + command.getKey() + ": " + entry.name() + "; add the row\n    " + entry.row());
                }
            }
        }
        for (String standard : STANDARD) {
            assertThat(doc).contains("`" + standard + "`");
        }
        assertThat(missing).as("docs/CLI.md lacks what --help lists").isEmpty();
    }

    @Test
    void theParserFindsOptionsParametersAndSubcommands() {
        Map<String, List<HelpEntry>> commands = new LinkedHashMap<>();
        collect(List.of("prices"), commands);
        assertThat(commands.keySet()).containsExactly("prices", "prices import");
        assertThat(commands.get("prices")).extracting(HelpEntry::name)
                .contains("[MODEL]", "--provider-config", "--help", "--version");
        assertThat(commands.get("prices import")).extracting(HelpEntry::shown).contains("LITELLM_JSON", "--out=FILE");
        assertThat(commands.get("prices import")).filteredOn(e -> e.name().equals("--as-of")).singleElement()
                .extracting(HelpEntry::description).asString().contains("default: today");
        Map<String, List<HelpEntry>> run = new LinkedHashMap<>();
        collect(List.of("run"), run);
        assertThat(run.get("run")).filteredOn(e -> e.name().equals("--budget")).singleElement()
                .extracting(HelpEntry::row).isEqualTo("| `--budget=USD` | Cap this run's spend (overrides budgets.perBuildUsd). |");
    }

    /** The options of {@code path} (empty: the top level) and, recursively, of its subcommands. */
    private static void collect(List<String> path, Map<String, List<HelpEntry>> commands) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        CliTestSupport.Run help = CliTestSupport.run(args.toArray(String[]::new));
        assertThat(help.exit()).as(String.join(" ", args) + ": " + help.err()).isZero();
        List<HelpEntry> options = new ArrayList<>();
        List<String> subcommands = new ArrayList<>();
        String list = "options"; // the options come first, then "Commands:", then "Exit codes:"
        for (String line : help.out().split("\n")) {
            if (line.startsWith("Commands:")) {
                list = "commands";
            } else if (line.startsWith("Exit codes:")) {
                list = "none";
            }
            Matcher command = COMMAND.matcher(line);
            Matcher option = OPTION.matcher(line);
            if (list.equals("commands") && command.find()) {
                subcommands.add(command.group(1));
            } else if (list.equals("options") && option.find()) {
                options.add(new HelpEntry(option.group(1), option.group(2) == null ? "" : option.group(2).strip()));
            } else if (list.equals("options") && !options.isEmpty() && line.startsWith("          ")) {
                HelpEntry last = options.remove(options.size() - 1);
                String next = line.strip();
                // Help wraps "budgets.perBuildUsd" after the dot: no space goes back in there.
                String gap = last.description().endsWith(".") && Character.isLowerCase(next.charAt(0)) ? "" : " ";
                options.add(new HelpEntry(last.shown(), (last.description() + gap + next).strip()));
            }
        }
        if (!path.isEmpty()) {
            commands.put(String.join(" ", path), options);
        }
        for (String sub : subcommands) {
            List<String> next = new ArrayList<>(path);
            next.add(sub);
            collect(next, commands);
        }
    }

    /** The text under {@code ## `ai-lanes <command>`} up to the next second-level heading, or null. */
    private static String section(String doc, String command) {
        Matcher heading = Pattern.compile("(?m)^## `ai-lanes " + Pattern.quote(command) + "`\\s*$").matcher(doc);
        if (!heading.find()) {
            return null;
        }
        int end = doc.indexOf("\n## ", heading.end());
        return doc.substring(heading.end(), end < 0 ? doc.length() : end);
    }
}
