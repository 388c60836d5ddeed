package io.ailanes.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ailanes.engine.testing.Fixtures;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The protected and sensitive lists: what they match, and that the docs list every glob the code holds. */
class ProtectedFilesTest {

    @Test
    void theDocsListEveryProtectedAndSensitiveGlob() throws Exception {
        String doc = Files.readString(Fixtures.doc("SECURITY-EDITS.md"));
        String section = doc.substring(doc.indexOf("### Protected and sensitive files"), doc.indexOf("### Phase 2"));
        Stream.of(ProtectedFiles.DEFAULT_PROTECTED, ProtectedFiles.SENSITIVE).flatMap(List::stream)
                .forEach(glob -> assertThat(section).as("docs/SECURITY-EDITS.md lists " + glob).contains("`" + glob + "`"));
    }

    @Test
    void noPathIsBothProtectedAndSensitiveAndOrdinarySourcesAreNeither() {
        for (String path : List.of("src/main/java/App.java", "README.md", "docs/guide.md", "web/src/index.ts",
                "test/test_app.py", "cmd/main.go", "src/lib.rs", "Dockerfile", "conftest.py", "src/main/resources/app.yaml")) {
            assertThat(ProtectedFiles.firstMatch(ProtectedFiles.DEFAULT_PROTECTED, path)).as(path).isNull();
            assertThat(ProtectedFiles.sensitivePattern(path)).as(path).isNull();
        }
        for (String sensitive : ProtectedFiles.SENSITIVE) {
            String example = sensitive.replace("**/", "").replace("*", "x");
            assertThat(ProtectedFiles.sensitivePattern(example)).as(example).isNotNull();
            assertThat(ProtectedFiles.firstMatch(ProtectedFiles.DEFAULT_PROTECTED, example)).as(example).isNull();
        }
    }

    @Test
    void jenkinsfilesAreProtectedWhateverTheirNameOrFolder() {
        for (String path : List.of("Jenkinsfile", "ci/Jenkinsfile.release", "JENKINSFILE", "deploy.jenkinsfile",
                "pipelines/release-Jenkinsfile", "a/b/c/Jenkinsfile-prod")) {
            assertThat(ProtectedFiles.firstMatch(ProtectedFiles.DEFAULT_PROTECTED, path)).as(path).isEqualTo("**/*jenkinsfile*");
        }
    }
}
