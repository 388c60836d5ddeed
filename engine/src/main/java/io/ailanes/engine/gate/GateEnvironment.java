package io.ailanes.engine.gate;

import java.io.File;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The environment gates run in, the single owner of that rule: an allow-list. A gate runs code the model just wrote
 * and its output goes back to the model, so a gate gets only what builds need (the built-in names below) and what the
 * admin adds ({@code policy.gateEnvironment}); everything else of the host's environment (deploy passwords, database
 * URLs, cloud session tokens, provider keys) is left out.
 *
 * <p>Built-in names, by group:
 * <ul>
 *   <li>process basics: {@code PATH HOME USER LOGNAME SHELL TMPDIR TMP TEMP TZ TERM};</li>
 *   <li>locale: {@code LANG LANGUAGE LC_*};</li>
 *   <li>JDK and Maven/Gradle: {@code JAVA_HOME JDK_HOME MAVEN_HOME M2_HOME GRADLE_HOME GRADLE_USER_HOME} and the
 *       option variables {@code JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS MAVEN_OPTS MAVEN_ARGS GRADLE_OPTS};</li>
 *   <li>Node: {@code NODE_HOME NODE_PATH NVM_DIR} and the option variable {@code NODE_OPTIONS};</li>
 *   <li>Go, Rust, Python: {@code GOPATH GOROOT GOCACHE GOFLAGS CARGO_HOME RUSTUP_HOME PYTHONPATH VIRTUAL_ENV};</li>
 *   <li>CI: {@code CI WORKSPACE};</li>
 *   <li>network: {@code HTTP_PROXY HTTPS_PROXY NO_PROXY ALL_PROXY} (and their lower-case forms) and the TLS trust
 *       files {@code SSL_CERT_FILE SSL_CERT_DIR NODE_EXTRA_CA_CERTS REQUESTS_CA_BUNDLE}: builds download
 *       dependencies;</li>
 *   <li>Windows essentials: {@code SystemRoot SystemDrive windir ComSpec PATHEXT USERPROFILE APPDATA LOCALAPPDATA
 *       ProgramFiles ProgramFiles(x86) ProgramData NUMBER_OF_PROCESSORS PROCESSOR_ARCHITECTURE OS}.</li>
 * </ul>
 *
 * <p>Values that can carry credentials, decided one by one:
 * <ul>
 *   <li>the option variables ({@code JAVA_TOOL_OPTIONS}, {@code MAVEN_OPTS}, ...) are needed for memory, proxy and
 *       trust store settings, but may hold {@code -Dpassword=...}: one whose value mentions a password, passphrase,
 *       secret, token, credential or API key is left out whole ({@link #CREDENTIAL_WORDS});</li>
 *   <li>a proxy variable whose URL holds a user ({@code http://user:pass@proxy:3128}) is left out whole; a proxy
 *       without one passes;</li>
 *   <li>any passed variable (built-in or added by the admin) whose value holds a known secret value (a provider key,
 *       a proxy password) is left out, and provider key names ({@link #wellKnownKeyNames()}, the configured
 *       credentials' names) never pass, even when the admin's list names them.</li>
 * </ul>
 * Whatever passes may still be printed by a gate: {@link EnvironmentMask} masks every host value in gate output.
 *
 * <p>Names match exactly on Unix; on Windows, whose variable names are case-insensitive, they match ignoring case
 * ({@code Path} is {@code PATH}).
 */
public final class GateEnvironment {

    /** Provider key variables never passed, whatever the configuration says. */
    static final Set<String> WELL_KNOWN = Set.of(
            "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "GEMINI_API_KEY", "GOOGLE_API_KEY",
            "DEEPSEEK_API_KEY", "DASHSCOPE_API_KEY", "QWEN_API_KEY", "MOONSHOT_API_KEY", "KIMI_API_KEY",
            "ZHIPUAI_API_KEY", "ZAI_API_KEY", "GLM_API_KEY", "OPENROUTER_API_KEY", "GROQ_API_KEY",
            "MISTRAL_API_KEY", "XAI_API_KEY", "LITELLM_API_KEY", "LITELLM_MASTER_KEY", "AZURE_OPENAI_API_KEY");

    /** Option variables: passed unless their value looks like it holds a credential. */
    static final Set<String> OPTIONS = Set.of(
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "MAVEN_OPTS", "MAVEN_ARGS", "GRADLE_OPTS", "NODE_OPTIONS");

    /** Proxy variables: passed unless their URL holds a user (and so, usually, a password). */
    static final Set<String> PROXIES = Set.of(
            "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy");

    /** The built-in allowed names, in the groups of the class comment. */
    static final List<String> BUILT_IN = List.of(
            // process basics
            "PATH", "HOME", "USER", "LOGNAME", "SHELL", "TMPDIR", "TMP", "TEMP", "TZ", "TERM",
            // locale
            "LANG", "LANGUAGE", "LC_*",
            // JDK, Maven, Gradle
            "JAVA_HOME", "JDK_HOME", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "MAVEN_HOME", "M2_HOME", "MAVEN_OPTS",
            "MAVEN_ARGS", "GRADLE_HOME", "GRADLE_USER_HOME", "GRADLE_OPTS",
            // Node
            "NODE_HOME", "NODE_OPTIONS", "NODE_PATH", "NVM_DIR",
            // Go, Rust, Python
            "GOPATH", "GOROOT", "GOCACHE", "GOFLAGS", "CARGO_HOME", "RUSTUP_HOME", "PYTHONPATH", "VIRTUAL_ENV",
            // CI
            "CI", "WORKSPACE",
            // network: proxies and TLS trust files
            "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "no_proxy", "all_proxy",
            "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS", "REQUESTS_CA_BUNDLE",
            // Windows essentials
            "SystemRoot", "SystemDrive", "windir", "ComSpec", "PATHEXT", "USERPROFILE", "APPDATA", "LOCALAPPDATA",
            "ProgramFiles", "ProgramFiles(x86)", "ProgramData", "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE", "OS");

    /** What makes an option variable's value look like it holds a credential. */
    static final Pattern CREDENTIAL_WORDS =
            Pattern.compile("(?i)passw|passphrase|secret|token|credential|api[_.-]?key|private[_.-]?key");

    /** A URL with a user part: {@code scheme://user[:password]@host}, or {@code user:password@host}. */
    private static final Pattern USER_IN_URL = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*://)?[^/?#@\\s]*@");

    /** A configured name: a variable name, or a prefix followed by {@code *}. */
    private static final Pattern CONFIGURED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\*?");

    private GateEnvironment() {}

    /** The provider key variable names that never pass, whatever the configuration says. */
    public static Set<String> wellKnownKeyNames() {
        return WELL_KNOWN;
    }

    /** The built-in allowed names ({@code LC_*} is a prefix pattern). */
    public static List<String> builtInNames() {
        return BUILT_IN;
    }

    /** Whether this host matches names ignoring case (Windows). */
    public static boolean localIgnoresCase() {
        return File.separatorChar == '\\';
    }

    /**
     * Why a configured entry ({@code policy.gateEnvironment}) is not usable, or null when it is: a variable name
     * ({@code [A-Za-z_][A-Za-z0-9_]*}), optionally followed by {@code *} for a prefix.
     */
    public static String problem(String entry) {
        if (entry == null || entry.isBlank()) {
            return "empty entry";
        }
        if (entry.equals("*")) {
            return "'*' would pass the whole environment; name the variables, or a prefix such as NPM_CONFIG_*";
        }
        if (!CONFIGURED.matcher(entry).matches()) {
            return "'" + entry + "' is not a variable name (letters, digits and _, not starting with a digit),"
                    + " optionally followed by * for a prefix, e.g. NPM_CONFIG_*";
        }
        return null;
    }

    /** The gates' environment on this machine: {@link #forGates(Map, Collection, Collection, Collection, boolean)}. */
    public static Map<String, String> forGates(Map<String, String> host, Collection<String> extraNames,
            Collection<String> credentialNames, Collection<String> secretValues) {
        return forGates(host, extraNames, credentialNames, secretValues, localIgnoresCase());
    }

    /**
     * @param host the host environment
     * @param extraNames names (or {@code PREFIX*}) the admin allows besides the built-in ones
     * @param credentialNames the configured credentials' variable names: never passed
     * @param secretValues the resolved credential values: a variable holding one is not passed
     * @param ignoreCase whether names match ignoring case (a Windows host)
     * @return the allowed variables of {@code host}, in its order
     */
    public static Map<String, String> forGates(Map<String, String> host, Collection<String> extraNames,
            Collection<String> credentialNames, Collection<String> secretValues, boolean ignoreCase) {
        Set<String> denied = new HashSet<>();
        WELL_KNOWN.forEach(name -> denied.add(key(name, ignoreCase)));
        credentialNames.forEach(name -> denied.add(key(name, ignoreCase)));
        Set<String> values = new HashSet<>();
        for (String value : secretValues) {
            if (value != null && value.length() >= 6) {
                values.add(value);
            }
        }
        Names allowed = new Names(extraNames, ignoreCase);
        Map<String, String> result = new LinkedHashMap<>();
        host.forEach((name, value) -> {
            if (name == null || value == null || denied.contains(key(name, ignoreCase)) || !allowed.matches(name)) {
                return;
            }
            if (values.stream().anyMatch(value::contains)) {
                return;
            }
            if (in(OPTIONS, name, ignoreCase) && CREDENTIAL_WORDS.matcher(value).find()) {
                return;
            }
            if (in(PROXIES, name, ignoreCase) && USER_IN_URL.matcher(value.strip()).find()) {
                return;
            }
            result.put(name, value);
        });
        return result;
    }

    /** Whether {@code name} is allowed by the built-in list or {@code extraNames}, before any value check. */
    public static boolean allowed(String name, Collection<String> extraNames, boolean ignoreCase) {
        return new Names(extraNames, ignoreCase).matches(name);
    }

    private static boolean in(Set<String> names, String name, boolean ignoreCase) {
        if (!ignoreCase) {
            return names.contains(name);
        }
        return names.stream().anyMatch(candidate -> candidate.equalsIgnoreCase(name));
    }

    private static String key(String name, boolean ignoreCase) {
        return ignoreCase ? name.toUpperCase(Locale.ROOT) : name;
    }

    /** The built-in names and the admin's, exact names and {@code PREFIX*} patterns. */
    private static final class Names {
        private final Set<String> exact = new HashSet<>();
        private final Set<String> prefixes = new LinkedHashSet<>();
        private final boolean ignoreCase;

        Names(Collection<String> extraNames, boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
            BUILT_IN.forEach(this::add);
            for (String name : extraNames) {
                if (name != null && problem(name.strip()) == null) {
                    add(name.strip());
                }
            }
        }

        private void add(String name) {
            if (name.endsWith("*")) {
                prefixes.add(key(name.substring(0, name.length() - 1), ignoreCase));
            } else {
                exact.add(key(name, ignoreCase));
            }
        }

        boolean matches(String name) {
            String key = key(name, ignoreCase);
            if (exact.contains(key)) {
                return true;
            }
            for (String prefix : prefixes) {
                if (key.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
