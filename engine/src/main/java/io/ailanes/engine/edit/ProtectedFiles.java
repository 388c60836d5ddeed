package io.ailanes.engine.edit;

import java.util.List;
import java.util.stream.Stream;

/**
 * The files an execution-lane change may not touch by default, and the build files it may touch only where the
 * admin allows. The one owner of these lists: the edit policy, the docs and the report read them from here.
 *
 * <p>Why each group: a CI definition, a Jenkinsfile or a shared library step runs with the CI's credentials on the
 * next build; ownership and attribute files weaken review or run filters on checkout; build-tool wrappers and
 * extensions run code before any build file is read; secrets are secrets. Build files run code too (an exec plugin at
 * {@code validate}, an npm {@code postinstall}, a Makefile recipe) but changing them is sometimes the task, so they
 * are "sensitive": refused unless the configuration allows them, and audited whenever they change.
 */
public final class ProtectedFiles {

    /** CI definitions of the major CI systems, and anything named like a Jenkinsfile anywhere. */
    public static final List<String> CI_DEFINITIONS = List.of(
            "**/*jenkinsfile*", "vars/*.groovy", "resources/**/*.groovy", ".ci/**",
            ".github/**", ".gitea/**", ".forgejo/**",
            "**/.gitlab-ci.yml", "**/*.gitlab-ci.yml", ".gitlab/**",
            ".circleci/**", ".travis.yml", ".buildkite/**", "**/azure-pipelines*.yml", ".azure-pipelines/**",
            ".azuredevops/**", "bitbucket-pipelines.yml", ".drone.yml", ".drone.star", ".woodpecker.yml",
            ".woodpecker/**", "appveyor.yml", ".appveyor.yml", "cloudbuild.yaml", "cloudbuild.yml",
            "**/buildspec.yml", "**/buildspec.yaml", ".teamcity/**", "bamboo-specs/**", ".tekton/**",
            ".semaphore/**", ".cirrus.yml", "codemagic.yaml", "wercker.yml", ".pre-commit-config.yaml",
            ".harness/**", "**/.spinnaker/**");

    /** Ownership, attributes and repository metadata. */
    public static final List<String> OWNERSHIP = List.of(
            ".git/**", "**/CODEOWNERS", "**/OWNERS", "**/.gitattributes", ".gitmodules", "**/.gitconfig",
            "**/.git-blame-ignore-revs", ".lfsconfig");

    /** Build-tool wrappers and extensions: code that runs before any build file is read. */
    public static final List<String> BUILD_TOOLS = List.of(
            "**/mvnw", "**/mvnw.cmd", "**/.mvn/**", "**/gradlew", "**/gradlew.bat", "**/gradle/wrapper/**",
            "**/.yarn/plugins/**", "**/.yarn/releases/**", "**/.yarnrc", "**/.yarnrc.yml", "**/.npmrc",
            "**/.pnpmfile.cjs", "**/.bazelrc", "**/.bazelversion", "**/.sbtopts", "**/.jvmopts",
            "**/.cargo/config", "**/.cargo/config.toml", "**/init.gradle", "**/init.gradle.kts",
            "**/.husky/**");

    /**
     * Files that hold secrets by their name: dotenv files, private keys, keystores and the credential files of common
     * tools. No change may touch them, and no prompt reads them ({@code prompt.SecretFiles}).
     */
    public static final List<String> SECRETS = List.of(
            // dotenv files (templates such as .env.example may be read into a prompt: SecretFiles.READABLE)
            "**/.env", "**/.env.*", "**/*.env",
            // private keys and certificates with keys
            "**/*.pem", "**/*.key", "**/*.ppk",
            "**/id_rsa", "**/id_rsa.*", "**/id_dsa", "**/id_dsa.*", "**/id_ecdsa", "**/id_ecdsa.*",
            "**/id_ed25519", "**/id_ed25519.*",
            // keystores
            "**/*.p12", "**/*.pfx", "**/*.jks", "**/*.keystore", "**/*.bks", "**/*.kdbx",
            // credential files of common tools
            "**/.npmrc", "**/.pypirc", "**/.netrc", "**/_netrc", "**/.git-credentials", "**/.docker/config.json",
            "**/.dockercfg", "**/.aws/credentials", "**/.boto", "**/.s3cfg", "**/.pgpass", "**/.my.cnf",
            "**/.htpasswd", "**/.m2/settings.xml", "**/settings-security.xml", "**/.gradle/gradle.properties",
            "**/kubeconfig", "**/.kube/config", "**/*.tfstate", "**/*.tfstate.backup", "**/*.tfvars",
            "**/credentials.json", "**/client_secret*.json", "**/service-account*.json",
            "**/secrets.yml", "**/secrets.yaml", "**/secrets.json", "**/*.gpg");

    /** Protected by default; the configuration can add to these but never remove them. */
    public static final List<String> DEFAULT_PROTECTED = Stream.of(OWNERSHIP, CI_DEFINITIONS, BUILD_TOOLS, SECRETS,
            List.of("**/.env*")).flatMap(List::stream).distinct().toList();

    /**
     * Build files of Maven, Gradle, npm and the other JavaScript package managers, Make, CMake, Python, Cargo and Go
     * modules: changed only where the configuration allows them ({@code policy.allowSensitive}), and then audited.
     */
    public static final List<String> SENSITIVE = List.of(
            "**/pom.xml", "**/*.pom",
            "**/build.gradle", "**/build.gradle.kts", "**/settings.gradle", "**/settings.gradle.kts",
            "**/gradle.properties", "**/*.gradle", "**/*.gradle.kts", "**/gradle/libs.versions.toml", "buildSrc/**",
            "**/package.json", "**/package-lock.json", "**/npm-shrinkwrap.json", "**/yarn.lock", "**/pnpm-lock.yaml",
            "**/pnpm-workspace.yaml", "**/bun.lockb", "**/bun.lock",
            "**/Makefile", "**/GNUmakefile", "**/*.mk", "**/*.mak",
            "**/CMakeLists.txt", "**/*.cmake", "**/CMakePresets.json", "**/CMakeUserPresets.json",
            "**/setup.py", "**/setup.cfg", "**/pyproject.toml", "**/requirements*.txt", "**/requirements/*.txt",
            "**/Pipfile", "**/Pipfile.lock", "**/poetry.lock", "**/uv.lock", "**/tox.ini", "**/noxfile.py",
            "**/MANIFEST.in",
            "**/Cargo.toml", "**/Cargo.lock", "**/build.rs",
            "**/go.mod", "**/go.sum", "**/go.work", "**/go.work.sum");

    private ProtectedFiles() {
    }

    /** The first glob of {@code globs} matching a normalised path, or {@code null}. */
    public static String firstMatch(List<String> globs, String path) {
        for (String g : globs) {
            if (Glob.of(g).matches(path)) {
                return g;
            }
        }
        return null;
    }

    /** The sensitive pattern a normalised path matches, or {@code null}. */
    public static String sensitivePattern(String path) {
        return firstMatch(SENSITIVE, path);
    }
}
