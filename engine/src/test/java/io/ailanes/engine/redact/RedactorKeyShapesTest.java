package io.ailanes.engine.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole class of key-like values: prefixes at any length, assignments anywhere, URLs, random tokens. */
class RedactorKeyShapesTest {

    private static final Redactor REDACTOR = Redactor.PATTERNS_ONLY;

    // Fake keys, built from pieces so no scanner mistakes this file for a leak. Short bodies on purpose:
    // a cut or test key is still masked.
    static List<Arguments> prefixed() {
        return List.of(
                Arguments.of("sk-" + "test-abc12345", "openai"),
                Arguments.of("sk-" + "proj-Ab12Cd34", "openai"),
                Arguments.of("sk-" + "svcacct-x1y2z3w4", "openai"),
                Arguments.of("sk-" + "admin-Q9w8e7r6", "openai"),
                Arguments.of("sk-" + "ant-api03-Zx9Yw8", "anthropic"),
                Arguments.of("sk-" + "or-v1-0a1b2c3d4e", "openrouter"),
                Arguments.of("AIza" + "SyA1b2C3d4", "google"),
                Arguments.of("ya29" + ".a0AfH6SMB1x2", "google"),
                Arguments.of("GOCSPX" + "-AbCdEfGh12", "google"),
                Arguments.of("AKIA" + "IOSFODNN7EXAMPLE", "aws-access-key-id"),
                Arguments.of("ASIA" + "Y34FZKBOKMUT", "aws-access-key-id"),
                Arguments.of("AGPA" + "ABCDEFGH1234", "aws-access-key-id"),
                Arguments.of("AIDA" + "Z2X3C4V5B6N7", "aws-access-key-id"),
                Arguments.of("AROA" + "QWERTY123456", "aws-access-key-id"),
                Arguments.of("ANPA" + "ZXCVBN098765", "aws-access-key-id"),
                Arguments.of("ANVA" + "LKJHGF567890", "aws-access-key-id"),
                Arguments.of("AIPA" + "POIUYT135790", "aws-access-key-id"),
                Arguments.of("ghp" + "_1A2b3C4d5E", "github"),
                Arguments.of("gho" + "_16C7e42F29", "github"),
                Arguments.of("ghu" + "_a1b2c3d4e5", "github"),
                Arguments.of("ghs" + "_Z9y8X7w6V5", "github"),
                Arguments.of("ghr" + "_0p9o8i7u6y", "github"),
                Arguments.of("github" + "_pat_11ABCDEFG0", "github"),
                Arguments.of("glpat" + "-xY7zW6vU5t", "gitlab"),
                Arguments.of("glptt" + "-0123abcd45ef", "gitlab"),
                Arguments.of("gldt" + "-Ab3Cd4Ef5Gh", "gitlab"),
                Arguments.of("glrt" + "-t1_AbCdEf12", "gitlab"),
                Arguments.of("xoxb" + "-1234567890-abc", "slack"),
                Arguments.of("xoxp" + "-98765-43210-x", "slack"),
                Arguments.of("xapp" + "-1-A0123456789", "slack"),
                Arguments.of("sk" + "_live_4eC39HqL", "stripe"),
                Arguments.of("sk" + "_test_4eC39HqLyjWDarjtT1zdp7dc", "stripe"),
                Arguments.of("rk" + "_live_a1B2c3D4", "stripe"),
                Arguments.of("rk" + "_test_z9Y8x7W6", "stripe"),
                Arguments.of("whsec" + "_AbCdEfGh1234", "stripe"),
                Arguments.of("npm" + "_a1B2c3D4e5F6", "npm"),
                Arguments.of("pypi" + "-AgEIcHlwaS5vcmc", "pypi"),
                Arguments.of("dckr" + "_pat_2b3e36beeb", "docker"),
                Arguments.of("hf" + "_AbCdEf123456", "huggingface"),
                Arguments.of("gsk" + "_Q1w2E3r4T5y6", "groq"),
                Arguments.of("xai" + "-A1s2D3f4G5h6", "xai"),
                Arguments.of("pplx" + "-0a9b8c7d6e5f", "perplexity"),
                Arguments.of("r8" + "_Zx1Cv2Bn3Mm4", "replicate"),
                Arguments.of("SG" + ".ngeVfQFYQlKU0ufo8x5d1A.TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr", "sendgrid"),
                Arguments.of("SK" + "0123456789abcdef0123456789abcdef", "twilio"),
                Arguments.of("dop" + "_v1_0123456789abcdef", "digitalocean"),
                Arguments.of("doo" + "_v1_fedcba9876543210", "digitalocean"),
                Arguments.of("shpat" + "_1a2b3c4d5e6f", "shopify"),
                Arguments.of("shpss" + "_0f9e8d7c6b5a", "shopify"),
                Arguments.of("shpca" + "_abcdef012345", "shopify"),
                Arguments.of("ATATT3" + "xFfGF0T4c9a8=1A2B3C4", "atlassian"),
                Arguments.of("hvs" + ".CAESIJ1x2y3z4", "vault"),
                Arguments.of("hvb" + ".AAAAAQJ9k8l7m6", "vault"),
                Arguments.of("dapi" + "0123456789abcdef0123456789abcdef", "databricks"),
                Arguments.of("sntrys" + "_eyJpYXQiOjE2", "sentry"),
                Arguments.of("lin" + "_api_AbCdEf123456", "linear"),
                Arguments.of("PMAK" + "-6123abc4d5e6f7-0a1b2c", "postman"),
                Arguments.of("AGE-SECRET-KEY" + "-1QQPQ9JZ7X5RW3K", "age"),
                Arguments.of("key" + "-0123456789abcdef0123456789abcdef", "mailgun"));
    }

    @ParameterizedTest
    @MethodSource("prefixed")
    void prefixedKeysAreMaskedAtShortLengths(String key, String kind) {
        assertThat(REDACTOR.redact("use " + key + " here")).isEqualTo("use [REDACTED:" + kind + "] here");
        assertThat(REDACTOR.redact("\"" + key + "\",")).isEqualTo("\"[REDACTED:" + kind + "]\",");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "pip install sk-learn; import sklearn",
        "the sk-learn-contrib and sk-learn-extra packages",
        "a task-list or disk-usage-report",
        "npm_config_registry and npm_lifecycle_event",
        "hf_hub_download(repo_id) and hf_transfer",
        "ghs_count = 3; gho_name",
        "AKIA alone, AROA_ROLE_NAME, ASIAN",
        "key-value store, key-deadbeef",
        "SKIP this; SK123",
        "xai-grok and pplx-online models",
        "lin_api_version, PMAK-docs",
        "dapi_settings and hvs.length"
    })
    void shortPrefixesDoNotMaskWords(String text) {
        assertThat(REDACTOR.redact(text)).isEqualTo(text);
    }

    @Test
    void cloudConnectionStringsAndWebhooksKeepTheirShape() {
        assertThat(REDACTOR.redact("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + "Ab1Cd2Ef3Gh4+/Ij5Kl6=="
                + ";EndpointSuffix=core.windows.net"))
                .isEqualTo("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=[REDACTED:azure]"
                        + ";EndpointSuffix=core.windows.net");
        assertThat(REDACTOR.redact("https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=" + "AbC123dEf%2B456gHi%3D"))
                .isEqualTo("https://acct.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=[REDACTED:azure]");
        assertThat(REDACTOR.redact("url: https://hooks.slack.com/services/" + "T0001/B0002/XXXXyyyyZZZZ1234"))
                .isEqualTo("url: https://hooks.slack.com/services/[REDACTED:slack]");
        assertThat(REDACTOR.redact("Server=db;User Id=app;Password=" + "Pa55word1;Database=x"))
                .isEqualTo("Server=db;User Id=app;Password=[REDACTED:password];Database=x");
    }

    @Test
    void reviewFindingsAreMasked() {
        assertThat(REDACTOR.redact("stripe.key=sk-" + "test-abc12345\napp.name=shop\n"))
                .isEqualTo("stripe.key=[REDACTED:openai]\napp.name=shop\n");
        assertThat(REDACTOR.redact("export const apiKey = \"sk-" + "test-abc12345\";"))
                .isEqualTo("export const apiKey = \"[REDACTED:openai]\";");
    }

    @Test
    void credentialAssignmentsAnywhereOnALine() {
        assertThat(REDACTOR.redact("const API_TOKEN = 'abc9f8e7d6';"))
                .isEqualTo("const API_TOKEN = '[REDACTED:token]';");
        assertThat(REDACTOR.redact("  { \"password\": \"hunter2hunter\", \"user\": \"bob\" }"))
                .isEqualTo("  { \"password\": \"[REDACTED:password]\", \"user\": \"bob\" }");
        assertThat(REDACTOR.redact("String dbPassword = \"hunter2\"; // test"))
                .isEqualTo("String dbPassword = \"[REDACTED:password]\"; // test");
        assertThat(REDACTOR.redact("$cfg = ['secret' => 'k9Xq2Lm7Z'];"))
                .isEqualTo("$cfg = ['secret' => '[REDACTED:secret]'];");
        assertThat(REDACTOR.redact("client := New(Token: \"t0k3nValue\")"))
                .isEqualTo("client := New(Token: \"[REDACTED:token]\")");
    }

    @Test
    void propertiesAndIniKeysEndingInACredentialName() {
        String properties = "db.password=s3cr3t!\nmail.smtp.passwd = Tr0ub4dor\nservice.credentials=u:p4ss\n"
                + "app.secret=abc123xyz\nsigning.key=0a1b2c3d4e\noauth.client_secret=cs-123456\n"
                + "gcp.private_key=MIIEvQIBADANBgkq1\nrefresh_token=rt.12345\nserver.port=8080\nkeyboard=us\n";

        assertThat(REDACTOR.redact(properties)).isEqualTo("db.password=[REDACTED:password]\n"
                + "mail.smtp.passwd = [REDACTED:password]\nservice.credentials=[REDACTED:credential]\n"
                + "app.secret=[REDACTED:secret]\nsigning.key=[REDACTED:key]\noauth.client_secret=[REDACTED:secret]\n"
                + "gcp.private_key=[REDACTED:private-key]\nrefresh_token=[REDACTED:token]\nserver.port=8080\nkeyboard=us\n");
        assertThat(REDACTOR.redact("db:\n  password: x9\n  password: hunter\n"))
                .isEqualTo("db:\n  password: x9\n  password: [REDACTED:password]\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "token = getToken();",
        "this.secret = secret;",
        "  apiKey: process.env.API_KEY,",
        "password: ${{ secrets.X }}",
        "key: ${KEY}",
        "passwordField.setText(x);",
        "if (token == null) { return; }",
        "if (token === undefined) {}",
        "String secret;",
        "keyboard = 3",
        "cacheKey = \"users\"",
        "result.key = 'size'",
        "token: \"constant.language.escape\",",
        "{ token: 'support.class.actionscript.2', regex: x }",
        "const DATA_API_KEY = '.data-api';",
        "public static final String PASSWORD = \"password\";",
        "String API_TOKEN = \"apiToken\";",
        "password: \"abc\"",
        "token_count = 12",
        "password: \"\"",
        "secret: true",
        "password: string;",
        "Password=Passwort",
        "Password=\\u30d1\\u30b9",
        "LegacyToken=\u30c8\u30fc\u30af\u30f3",
        "f(user, password=pw)",
        "lastToken = \"?Interpolation\";",
        "throw new Error(\"Unexpected token =\", x, \"Duplicate\")"
    })
    void codeAndLabelsStay(String text) {
        assertThat(REDACTOR.redact(text)).isEqualTo(text);
    }

    @Test
    void privateKeysOfEveryLabelAndFormat() {
        assertThat(REDACTOR.redact("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----\nok"))
                .isEqualTo("[REDACTED:private-key]\nok");
        assertThat(REDACTOR.redact("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBO\n-----END ENCRYPTED PRIVATE KEY-----"))
                .isEqualTo("[REDACTED:private-key]");
        String gcp = "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0B"
                + "\\nAQEFAASC\\n-----END PRIVATE KEY-----\\n\", \"client_email\": \"x@y.iam.gserviceaccount.com\"}";
        assertThat(REDACTOR.redact(gcp)).isEqualTo("{\"type\": \"service_account\", \"private_key\": "
                + "\"[REDACTED:private-key]\\n\", \"client_email\": \"x@y.iam.gserviceaccount.com\"}");
        String ppk = "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me\nPublic-Lines: 2\n"
                + "AAAAC3NzaC1lZDI1NTE5AAAAIDz\nq5aXg\nPrivate-Lines: 1\nAAAAIGhpZGRlbi1zZWNyZXQ=\n"
                + "Private-MAC: 0123456789abcdef0123456789abcdef\n";
        assertThat(REDACTOR.redact(ppk)).isEqualTo("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: me\n"
                + "Public-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIDz\nq5aXg\nPrivate-Lines: 1\n[REDACTED:private-key]\n"
                + "Private-MAC: [REDACTED:private-key]\n");
    }

    @Test
    void passwordsInUrlsKeepUserAndHost() {
        assertThat(REDACTOR.redact("DATABASE_URL is postgres://app:s3cr3t@db:5432/x now"))
                .isEqualTo("DATABASE_URL is postgres://app:[REDACTED:password]@db:5432/x now");
        assertThat(REDACTOR.redact("git clone https://user:tok3n@github.com/o/r.git"))
                .isEqualTo("git clone https://user:[REDACTED:password]@github.com/o/r.git");
        assertThat(REDACTOR.redact("mongodb+srv://u:p@h/db")).isEqualTo("mongodb+srv://u:[REDACTED:password]@h/db");
        assertThat(REDACTOR.redact("https://x:" + "ghp_1A2b3C4d5E@github.com"))
                .isEqualTo("https://x:[REDACTED:github]@github.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://localhost:8080/path@v2 and git@github.com:o/r.git",
        "jdbc:mysql://db:3306/app?user=app",
        "https://${USER}:${PASS}@host/x",
        "String.format(\"postgres://%s:%s@%s\", u, p, h)",
        "mailto:someone@example.com"
    })
    void urlsWithoutAPasswordStay(String text) {
        assertThat(REDACTOR.redact(text)).isEqualTo(text);
    }

    @Test
    void longRandomTokensAreMasked() {
        String session = "IQoJb3JpZ2luX2VjEJr" + "//////////wEaCXVzLWVhc3QtMSJHMEUCIQDn2Wm9FZ2k7Qd";
        assertThat(REDACTOR.redact("aws_session_token = " + session + "\n"))
                .isEqualTo("aws_session_token = [REDACTED:token]\n");
        assertThat(REDACTOR.redact("echo " + session + " done")).isEqualTo("echo [REDACTED:high-entropy] done");
        assertThat(REDACTOR.redact("X-Session: 9fQ3xL7mT2vK8pR4wZ6nB1cY5hJ0sD3gA7eU==;"))
                .isEqualTo("X-Session: [REDACTED:high-entropy];");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "commit 025b8fa4c1e9d2f3b4a5c6d7e8f9a0b1c2d3e4f5 and sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "\"integrity\": \"sha512-Rx9GJ5PrUGB0m7nFfRdbXjB5kCZb+J3hPmT0Q2eCv/x4yKq1ZzN8wSuE6t1fL2iYhA3gR7mD9oBcX4pV0sK6nW==\"",
        "id 123e4567-e89b-12d3-a456-426614174000 and 123E4567-E89B-12D3-A456-426614174000",
        "org/apache/commons/lang3/StringUtils and io.ailanes.engine.redact.KeyPatterns",
        "void testBranchSpecAsSHA1WithMultipleRepositories2() {}",
        "src/main/java/io/ailanes/engine/provider/openai/OpenAiWireTest.java",
        "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\">",
        "UMWYJ45JQ6FA3WXMSI3YEOLVQ_a_b_c_d_CONSTANT_NAME_fce680ab2cc467b6e072b8b5df1996b2"
    })
    void checksumsIdentifiersAndPathsStay(String text) {
        assertThat(REDACTOR.redact(text)).isEqualTo(text);
    }

    @Test
    void certificatesAndPublicKeysStayWhole() {
        String cert = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n"
                + "-----END CERTIFICATE-----";
        assertThat(REDACTOR.redact(cert)).isEqualTo(cert);
        assertThat(REDACTOR.redact(cert + "\nnext 9fQ3xL7mT2vK8pR4wZ6nB1cY5hJ0sD3gA7eU"))
                .isEqualTo(cert + "\nnext [REDACTED:high-entropy]");
    }

    /** Adversarial inputs: every rule must stay linear. Asserts the output; a quadratic rule would hang here. */
    @Test
    void adversarialLongInputsPassThrough() {
        int n = 1 << 20;
        for (String unit : List.of("a", "sk-", "://:@", "-----BEGIN ", "aB3+", "password=", "\"token\": \"",
                "Private-Lines: 9\n", "AKIA", "a_", "x:", "ghp_", "sig=")) {
            String text = unit.repeat(n / unit.length());
            String out = REDACTOR.redact(text);
            assertThat(out.length()).as(unit).isLessThanOrEqualTo(text.length());
            if (!out.equals(text)) {
                assertThat(out).as(unit).contains("[REDACTED:");
            }
        }
        assertThat(REDACTOR.redact("a".repeat(n))).isEqualTo("a".repeat(n));
        assertThat(REDACTOR.redact("sk-".repeat(n / 3))).isEqualTo("sk-".repeat(n / 3));
        assertThat(REDACTOR.redact("://:@".repeat(n / 5))).isEqualTo("://:@".repeat(n / 5));
        assertThat(REDACTOR.redact("-----BEGIN ".repeat(n / 11))).isEqualTo("-----BEGIN ".repeat(n / 11));
        assertThat(REDACTOR.redact("aB3+".repeat(n / 4))).isEqualTo("aB3+".repeat(n / 4));
        String run = "x".repeat(n) + "sk-" + "test-abc12345";
        assertThat(REDACTOR.redact(run + " " + run)).isEqualTo(run + " " + run);
    }
}
