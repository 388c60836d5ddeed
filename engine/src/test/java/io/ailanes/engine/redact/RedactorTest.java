package io.ailanes.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final Redactor REDACTOR = Redactor.PATTERNS_ONLY;

    // Fake keys in the providers' formats, built from pieces so no scanner mistakes this file for a leak.
    private static final String OPENAI = "sk-" + "abcdEFGH1234ijklMNOP5678qrstUVWX9012yzABcdEF";
    private static final String OPENAI_PROJ = "sk-proj-" + "Ab12Cd34Ef56Gh78_Ij90-Kl12Mn34Op56Qr78St90Uv";
    private static final String ANTHROPIC = "sk-ant-" + "api03-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe-AbCdEfGh";
    private static final String GOOGLE = "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q";
    private static final String AWS_ID = "AKIA" + "IOSFODNN7EXAMPLE";
    private static final String AWS_SESSION_ID = "ASIA" + "Y34FZKBOKMUTVV7A";
    private static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY";
    private static final String GITHUB = "ghp_" + "1A2b3C4d5E6f7G8h9I0j1K2l3M4n5O6p7Q8r";
    private static final String GITHUB_PAT = "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz";
    private static final String GITLAB = "glpat-" + "xY7zW6vU5tS4rQ3pO2nM";
    private static final String SLACK = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
    private static final String STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc";
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

    static List<Arguments> keys() {
        return List.of(
                Arguments.of(OPENAI, "openai"),
                Arguments.of(OPENAI_PROJ, "openai"),
                Arguments.of(ANTHROPIC, "anthropic"),
                Arguments.of(GOOGLE, "google"),
                Arguments.of(AWS_ID, "aws-access-key-id"),
                Arguments.of(AWS_SESSION_ID, "aws-access-key-id"),
                Arguments.of(GITHUB, "github"),
                Arguments.of("gho_" + "16C7e42F292c6912E7710c838347Ae178B4a", "github"),
                Arguments.of(GITHUB_PAT, "github"),
                Arguments.of(GITLAB, "gitlab"),
                Arguments.of(SLACK, "slack"),
                Arguments.of(STRIPE, "stripe"),
                // Test keys are keys too: the review found one sent verbatim.
                Arguments.of("sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc", "stripe"),
                Arguments.of(JWT, "jwt"));
    }

    @ParameterizedTest
    @MethodSource("keys")
    void masksKeyInsideProse(String key, String kind) {
        String text = "The call failed with key " + key + ", please rotate it.";

        assertThat(REDACTOR.redact(text))
                .isEqualTo("The call failed with key [REDACTED:" + kind + "], please rotate it.");
    }

    @ParameterizedTest
    @MethodSource("keys")
    void masksKeyInQuotesAndAtEdges(String key, String kind) {
        assertThat(REDACTOR.redact(key)).isEqualTo("[REDACTED:" + kind + "]");
        assertThat(REDACTOR.redact("{\"key\":\"" + key + "\"}")).isEqualTo("{\"key\":\"[REDACTED:" + kind + "]\"}");
    }

    @Test
    void awsSecretAccessKeyKeepsTheName() {
        assertThat(REDACTOR.redact("[default]\naws_secret_access_key = " + AWS_SECRET + "\nregion = eu-west-1"))
                .isEqualTo("[default]\naws_secret_access_key = [REDACTED:aws-secret-access-key]\nregion = eu-west-1");
        assertThat(REDACTOR.redact("AWS_SECRET_ACCESS_KEY=" + AWS_SECRET))
                .isEqualTo("AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret-access-key]");
    }

    @Test
    void privateKeyBlockIsMaskedWhole() {
        String text = "before\n-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "MIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi..\nZ2V0IHJpZCBvZiB0aGlz==\n"
                + "-----END RSA PRIVATE KEY-----\nafter";

        assertThat(REDACTOR.redact(text)).isEqualTo("before\n[REDACTED:private-key]\nafter");
        assertThat(REDACTOR.redact("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----"))
                .isEqualTo("[REDACTED:private-key]");
    }

    @Test
    void unterminatedPrivateKeyIsMaskedToTheEnd() {
        assertThat(REDACTOR.redact("key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))
                .isEqualTo("key:\n[REDACTED:private-key]");
    }

    @Test
    void publicKeysAndCertificatesStay() {
        String text = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"
                + "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";

        assertThat(REDACTOR.redact(text)).isEqualTo(text);
    }

    @Test
    void headerLinesKeepTheHeaderAndScheme() {
        assertThat(REDACTOR.redact("Authorization: Bearer abc.def-ghi_jkl123456\nAccept: */*"))
                .isEqualTo("Authorization: Bearer [REDACTED:authorization]\nAccept: */*");
        assertThat(REDACTOR.redact("curl -H \"authorization: Basic dXNlcjpwYXNzd29yZA==\" https://x"))
                .isEqualTo("curl -H \"authorization: Basic [REDACTED:authorization]\" https://x");
        assertThat(REDACTOR.redact("x-api-key: 0123456789abcdef0123"))
                .isEqualTo("x-api-key: [REDACTED:api-key]");
        // The specific pattern is not needed once the header value is gone, and is not applied twice.
        assertThat(REDACTOR.redact("Authorization: Bearer " + OPENAI))
                .isEqualTo("Authorization: Bearer [REDACTED:authorization]");
    }

    @Test
    void assignmentsKeepTheKeyName() {
        String env = "export DB_PASSWORD=hunter2hunter\nGITHUB_TOKEN=\"abc123def456\"\nPORT=8080\n";
        String yaml = "db:\n  password: 'c0rrect-h0rse'\n  client_secret: s3cr3tValue\n  user: admin\n";
        String json = "{\n  \"api_key\": \"k-123456789\",\n  \"name\": \"demo\"\n}";

        assertThat(REDACTOR.redact(env)).isEqualTo(
                "export DB_PASSWORD=[REDACTED:password]\nGITHUB_TOKEN=\"[REDACTED:token]\"\nPORT=8080\n");
        assertThat(REDACTOR.redact(yaml)).isEqualTo(
                "db:\n  password: '[REDACTED:password]'\n  client_secret: [REDACTED:secret]\n  user: admin\n");
        assertThat(REDACTOR.redact(json)).isEqualTo(
                "{\n  \"api_key\": \"[REDACTED:api-key]\",\n  \"name\": \"demo\"\n}");
    }

    @Test
    void assignmentWithAKnownKeyShapeIsMaskedOnce() {
        assertThat(REDACTOR.redact("OPENAI_API_KEY=" + OPENAI)).isEqualTo("OPENAI_API_KEY=[REDACTED:openai]");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mvn -q test -DskipTests; skip-tests and task-list are fine",
        "the task-list-for-the-whole-release-train-of-2025 is long",
        "commit 025b8fa4c1e9d2f3b4a5c6d7e8f9a0b1c2d3e4f5 fixed it",
        "id 123e4567-e89b-12d3-a456-426614174000",
        "String token = request.getHeader(\"X-Token\");",
        "token = getToken();",
        "  password = config.password()",
        "token: ${{ secrets.GITHUB_TOKEN }}",
        "password: <your password here>",
        "max_tokens: 4096",
        "token_count = 12",
        "secret_name: prod-db",
        "password_file=/run/secrets/db",
        "Authorization: see the docs",
        "the bearer of this token is trusted",
        "AKIA is a prefix; AKIAshort too",
        "eyJ alone, or eyJhbGci.short",
        "https://example.com/search?q=disk-usage-report-generator-for-linux"
    })
    void ordinaryTextIsUnchanged(String text) {
        assertThat(REDACTOR.redact(text)).isEqualTo(text);
    }

    @Test
    void knownValuesAreMaskedEvenWithoutAKnownShape() {
        Redactor redactor = Redactor.of("plain-looking-value-42", null, "abc");

        assertThat(redactor.redact("value plain-looking-value-42 and abc"))
                .isEqualTo("value " + SecretRedactor.MASK + " and abc");
        assertThat(new Redactor(SecretRedactor.of("Tr0ub4dor&3")).redact("login with Tr0ub4dor&3 now"))
                .isEqualTo("login with **** now");
    }

    @Test
    void knownValueIsMaskedWholeBeforePatternsRun() {
        String key = OPENAI + "-tail";

        assertThat(Redactor.of(key).redact("k=" + key)).isEqualTo("k=" + SecretRedactor.MASK);
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertThat(REDACTOR.redact(null)).isNull();
        assertThat(REDACTOR.redact("")).isEmpty();
    }

    @Test
    void aRunsRedactorMasksItsCredentialsAndEnvironmentValuesNamedLikeSecrets() {
        String credential = "cred-" + "Qw3rTy7uIo9pAs2dFg";
        String token = "ghtok-" + "Zx8cVb6nMm4lKj2hGf";
        String dbPassword = "pw-" + "Lk9jHg7fDs5aPo3iUy";
        Redactor redactor = Redactor.forRun(List.of(credential),
                java.util.Map.of("GITHUB_TOKEN", token, "db_password", dbPassword, "HOME", "/home/builder-one"));
        String out = redactor.redact("a " + credential + " b " + token + " c " + dbPassword + " d /home/builder-one");
        assertThat(out).doesNotContain(credential, token, dbPassword).contains("/home/builder-one");
        assertThat(Redactor.isSecretName("apiKey")).isTrue();
        assertThat(Redactor.isSecretName("PATH")).isFalse();
    }
}
