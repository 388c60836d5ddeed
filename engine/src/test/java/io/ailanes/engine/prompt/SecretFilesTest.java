package io.ailanes.engine.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which files are never read into a prompt, by name and by form. */
class SecretFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {".env", ".env.local", ".env.production", "app/.ENV", "config/prod.env", "server.pem",
        "tls/server.key", "id_rsa", "home/.ssh/id_ed25519", "id_ecdsa.old", "id_dsa", "putty.ppk", "store.p12",
        "cert.pfx", "keys/app.jks", "release.keystore", "x.bks", "vault.kdbx", ".npmrc", "sub/.pypirc", ".netrc",
        "_netrc", ".git-credentials", ".docker/config.json", ".dockercfg", ".aws/credentials", ".boto", ".s3cfg",
        ".pgpass", ".my.cnf", "web/.htpasswd", ".m2/settings.xml", "settings-security.xml", ".gradle/gradle.properties",
        "kubeconfig", ".kube/config", "infra/terraform.tfstate", "prod.tfvars", "credentials.json",
        "client_secret_123.apps.json", "service-account-prod.json", "secrets.yml", "conf/secrets.yaml", "secrets.json",
        "backup.gpg"})
    void namesThatHoldSecretsAreWithheld(String path) {
        assertThat(SecretFiles.byName(path)).as(path).isPresent();
        assertThat(SecretFiles.byName(path).get()).startsWith("withheld: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {".env.example", "app/.env.sample", ".env.template", ".env.dist", "id_rsa.pub",
        ".ssh/id_ed25519.pub", "README.md", "src/env.java", "environment.ts", "settings.xml", "config.json",
        ".aws/config", ".yarnrc.yml", "key.txt", "public.asc", "docs/keys.md", "Jenkinsfile"})
    void otherNamesAreReadable(String path) {
        assertThat(SecretFiles.byName(path)).as(path).isEmpty();
    }

    @Test
    void contentThatHoldsSecretsIsWithheldByForm() {
        assertThat(SecretFiles.byContent("x\n-----BEGIN RSA PRIVATE KEY-----\nMIIE\n")).isPresent();
        assertThat(SecretFiles.byContent("-----BEGIN OPENSSH PRIVATE KEY-----\n")).isPresent();
        assertThat(SecretFiles.byContent("-----BEGIN PGP PRIVATE KEY BLOCK-----\n")).isPresent();
        assertThat(SecretFiles.byContent("-----BEGIN PRIVATE KEY-----\n")).isPresent();
        assertThat(SecretFiles.byContent("{\"type\": \"service_account\", \"project_id\": \"p\",\n \"private_key\": \"k\"}"))
                .isPresent();
        assertThat(SecretFiles.byContent("//npm.internal.example/:_authToken=abc\n")).isPresent();
        assertThat(SecretFiles.byContent("npmRegistries:\n  x:\n    npmAuthToken: abc\n")).isPresent();

        assertThat(SecretFiles.byContent("-----BEGIN CERTIFICATE-----\n")).isEmpty();
        assertThat(SecretFiles.byContent("-----BEGIN PGP PUBLIC KEY BLOCK-----\n")).isEmpty();
        assertThat(SecretFiles.byContent("{\"type\": \"service_account\"}")).isEmpty();
        assertThat(SecretFiles.byContent("registry=https://example.org\n")).isEmpty();
        assertThat(SecretFiles.withheld(".yarnrc.yml", "npmAuthToken: x")).isPresent();
        assertThat(SecretFiles.withheld("key.asc", "-----BEGIN PGP PRIVATE KEY BLOCK-----")).isPresent();
        assertThat(SecretFiles.withheld("public.asc", "-----BEGIN PGP PUBLIC KEY BLOCK-----")).isEmpty();
    }
}
