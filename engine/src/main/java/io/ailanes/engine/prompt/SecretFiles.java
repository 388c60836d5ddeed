package io.ailanes.engine.prompt;

import io.ailanes.engine.edit.Glob;
import io.ailanes.engine.edit.ProtectedFiles;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Files that hold secrets by their name or by their form, and so are never read into a prompt: the prompt names
 * them as withheld instead. Names are matched with {@link Glob} (case-insensitive, {@code **} spans segments)
 * against {@code /}-separated paths relative to the repository root. The repository map may still list them.
 */
public final class SecretFiles {

    /**
     * Names that hold secrets: dotenv files, private keys, keystores and the credential files of common tools (owned
     * by {@link ProtectedFiles#SECRETS}: no change may touch them either).
     */
    public static final List<String> GLOBS = ProtectedFiles.SECRETS;

    /** Names the globs above match that are templates or public halves, and so are readable. */
    public static final List<String> READABLE = List.of(
            "**/.env.example", "**/.env.sample", "**/.env.template", "**/.env.dist",
            "**/id_rsa.pub", "**/id_dsa.pub", "**/id_ecdsa.pub", "**/id_ed25519.pub");

    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY");
    private static final Pattern SERVICE_ACCOUNT = Pattern.compile("\"type\"\\s*:\\s*\"service_account\"");
    private static final Pattern SERVICE_ACCOUNT_KEY = Pattern.compile("\"private_key\"\\s*:");
    private static final Pattern AUTH_TOKEN = Pattern.compile("(?i)_authToken\\s*=|npmAuthToken\\s*:");

    private SecretFiles() {
    }

    /** Why {@code path} is withheld by its name (a fixed sentence naming the glob), or empty. */
    public static Optional<String> byName(String path) {
        if (ProtectedFiles.firstMatch(READABLE, path) != null) {
            return Optional.empty();
        }
        String glob = ProtectedFiles.firstMatch(GLOBS, path);
        if (glob != null) {
            return Optional.of("withheld: its name marks a file that holds secrets (" + glob + ")");
        }
        return Optional.empty();
    }

    /** Why text is withheld by its form (a fixed sentence), or empty. */
    public static Optional<String> byContent(String content) {
        if (PRIVATE_KEY.matcher(content).find()) {
            return Optional.of("withheld: its content holds a private key block");
        }
        if (SERVICE_ACCOUNT.matcher(content).find() && SERVICE_ACCOUNT_KEY.matcher(content).find()) {
            return Optional.of("withheld: its content is a service-account key with a private key");
        }
        if (AUTH_TOKEN.matcher(content).find()) {
            return Optional.of("withheld: its content holds a package registry auth token");
        }
        return Optional.empty();
    }

    /** Why the file is withheld, by name first and then by content ({@code null} content: name only), or empty. */
    public static Optional<String> withheld(String path, String content) {
        Optional<String> name = byName(path);
        return name.isPresent() || content == null ? name : byContent(content);
    }
}
