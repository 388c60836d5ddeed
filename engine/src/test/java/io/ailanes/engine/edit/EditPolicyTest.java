package io.ailanes.engine.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ailanes.engine.edit.PolicyViolation.Rule;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditPolicyTest {

    @TempDir
    Path temp;

    @Test
    void globsSpanSegmentsOnlyWithDoubleStarAndIgnoreCase() {
        assertThat(new Glob("**/Jenkinsfile").matches("Jenkinsfile")).isTrue();
        assertThat(new Glob("**/Jenkinsfile").matches("a/b/JENKINSFILE")).isTrue();
        assertThat(new Glob("**/Jenkinsfile").matches("a/Jenkinsfile.bak")).isFalse();
        assertThat(new Glob("**/*.pem").matches("key.pem")).isTrue();
        assertThat(new Glob("**/*.pem").matches("a/b/key.PEM")).isTrue();
        assertThat(new Glob("*.pem").matches("a/key.pem")).isFalse();
        assertThat(new Glob(".github/**").matches(".github/workflows/ci.yml")).isTrue();
        assertThat(new Glob(".github/**").matches(".githubx/ci.yml")).isFalse();
        assertThat(new Glob("**/.env*").matches("svc/.env.local")).isTrue();
        assertThat(new Glob("**/.env*").matches("svc/env.txt")).isFalse();
        assertThat(new Glob("src/?.java").matches("src/A.java")).isTrue();
        assertThat(new Glob("src/?.java").matches("src/AB.java")).isFalse();
        assertThat(new Glob("a.b").matches("aXb")).isFalse();
    }

    @Test
    void defaultProtectionIsTheDocumentedList() {
        EditPolicy p = EditPolicy.forPlan(List.of("src/A.java"));
        assertThat(p.protectedGlobs()).isEqualTo(ProtectedFiles.DEFAULT_PROTECTED)
                .contains(".git/**", "**/*jenkinsfile*", ".github/**", "**/CODEOWNERS", ".ci/**", "**/*.pem", "**/*.key",
                        "**/.env*");
        assertThat(p.allowOtherFiles()).isFalse();
        assertThat(p.textOnly()).isTrue();
        assertThat(p.protectedBy("ci/Jenkinsfile")).isEqualTo("**/*jenkinsfile*");
        assertThat(p.protectedBy("pom.xml")).isNull();
        assertThat(p.sensitiveRefused("pom.xml")).isEqualTo("**/pom.xml");
        assertThat(p.sensitiveRefused("src/Pom.java")).isNull();
        assertThat(p.withSensitiveAllowed(List.of("pom.xml")).sensitiveRefused("pom.xml")).isNull();
        assertThat(p.withSensitiveAllowed(List.of("pom.xml")).sensitiveRefused("module/pom.xml")).isEqualTo("**/pom.xml");
        assertThat(EditPolicy.forPlan(List.of("pom.xml", "Makefile")).neverEditable("pom.xml")).hasValueSatisfying(
                why -> assertThat(why).contains("sensitive: '**/pom.xml'", "policy.allowSensitive", "SENSITIVE_PATH"));
        assertThat(p.protectedBy("src/A.java")).isNull();
        assertThat(p.allows("src/A.java")).isTrue();
        assertThat(p.allows("src/B.java")).isFalse();
        assertThat(p.withAllowOtherFiles(true).allows("src/B.java")).isTrue();
    }

    @Test
    void plannedPathsAreNormalisedAndMayBeGlobs() {
        EditPolicy p = EditPolicy.forPlan(List.of("./src//A.java")).allowing(List.of("docs/**"));
        assertThat(p.allowedPaths()).containsExactlyInAnyOrder("src/A.java", "docs/**");
        assertThat(p.allows("docs/new/page.md")).isTrue();
        assertThatThrownBy(() -> EditPolicy.anyFile().allowing(List.of("../x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRAVERSAL");
        assertThatThrownBy(() -> EditPolicy.anyFile().withLimits(0, 1, 1, 1)).hasMessage("maxFiles must be positive, was 0");
    }

    @Test
    void pathRulesNormaliseOnlyEmptyAndDotSegments() {
        assertThat(PathRules.check("./src//main/./A.java").path()).isEqualTo("src/main/A.java");
        assertThat(PathRules.check("caf\u00e9/na\u00efve.txt").path()).isEqualTo("caf\u00e9/na\u00efve.txt");
        assertThat(PathRules.check("cafe\u0301.txt").violation().rule()).isEqualTo(Rule.INVALID_PATH); // NFD
        assertThat(PathRules.check(".").violation().reason()).isEqualTo("the path names the workspace root; name a file");
        assertThat(PathRules.check("a/../b").violation().rule()).isEqualTo(Rule.TRAVERSAL);
        assertThat(PathRules.check("src/.Git/x").violation().rule()).isEqualTo(Rule.GIT_DIRECTORY);
        assertThat(PathRules.check("src/.gitignore").ok()).isTrue();
        assertThat(PathRules.check("src/.github-notes.md").ok()).isTrue();
        assertThat(PathRules.check("LPT1.txt").violation().reason()).isEqualTo("segment 'LPT1.txt' is a Windows device name");
        assertThat(PathRules.check("a*b").violation().reason()).isEqualTo("'*' is not allowed in paths");
    }

    @Test
    void planRestrictionAndStepAllowance() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws")).file("src/A.java", "a\n").file("src/B.java", "b\n");
        ChangeSet cs = EditParser.parse("src/A.java\n<<<<<<< SEARCH\na\n=======\nA\n>>>>>>> REPLACE\n"
                + "src/B.java\n<<<<<<< SEARCH\nb\n=======\nB\n>>>>>>> REPLACE\n", EditFormat.SEARCH_REPLACE);
        EditPolicy plan = EditPolicy.forPlan(Set.of("src/A.java"));
        EditRejectedException e = catchThrowableOfType(EditRejectedException.class,
                () -> new LocalWorkspace(ws.root()).apply(cs, plan));
        assertThat(e.violations()).containsExactly(new PolicyViolation(Rule.NOT_IN_PLAN, "src/B.java",
                "the plan does not name this file and this step may only change the plan's files"));
        assertThat(e.getMessage()).isEqualTo("The change set was rejected by the edit policy; nothing was written:\n"
                + "- NOT_IN_PLAN src/B.java: the plan does not name this file and this step may only change the plan's files");
        assertThat(ws.read("src/A.java")).isEqualTo("a\n");

        AppliedChanges applied = new LocalWorkspace(ws.root()).apply(cs, plan.withAllowOtherFiles(true));
        assertThat(applied.files()).extracting(AppliedFile::path).containsExactly("src/A.java", "src/B.java");
        assertThat(ws.read("src/B.java")).isEqualTo("B\n");
    }

    @Test
    void protectionIsConfigurable() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws")).file("Jenkinsfile", "pipeline {}\n").file("deploy/prod.yaml", "x\n");
        ChangeSet cs = EditParser.parse("Jenkinsfile\n<<<<<<< SEARCH\npipeline {}\n=======\npipeline { }\n>>>>>>> REPLACE\n",
                EditFormat.SEARCH_REPLACE);
        new LocalWorkspace(ws.root()).apply(cs, EditPolicy.anyFile().withProtectedGlobs(List.of("deploy/**")));
        assertThat(ws.read("Jenkinsfile")).isEqualTo("pipeline { }\n");

        ChangeSet deploy = EditParser.parse("deploy/prod.yaml\n<<<<<<< DELETE\n", EditFormat.SEARCH_REPLACE);
        assertThat(catchThrowableOfType(EditRejectedException.class, () -> new LocalWorkspace(ws.root())
                .apply(deploy, EditPolicy.anyFile().withProtectedGlobs(List.of("deploy/**")))).hasRule(Rule.PROTECTED_PATH)).isTrue();
    }

    @Test
    void gitDirectoryStaysRefusedWithoutProtectedGlobs() {
        TestTree ws = new TestTree(temp.resolve("ws")).file(".git/config", "[core]\n");
        EditRejectedException e = catchThrowableOfType(EditRejectedException.class, () -> new LocalWorkspace(ws.root())
                .apply(EditParser.parse(".git/config\n<<<<<<< DELETE\n", EditFormat.SEARCH_REPLACE),
                        EditPolicy.anyFile().withProtectedGlobs(List.of())));
        assertThat(e.hasRule(Rule.GIT_DIRECTORY)).isTrue();
    }

    @Test
    void allViolationsAreReportedTogether() {
        TestTree ws = new TestTree(temp.resolve("ws")).file("a.txt", "a\n");
        ChangeSet cs = new ChangeSet(EditFormat.SEARCH_REPLACE, List.of(
                FileEdit.create(1, "../x", "x\n"),
                FileEdit.create(2, "Jenkinsfile", "x\n"),
                FileEdit.create(3, "a.txt", "x\n"),
                FileEdit.delete(4, "missing.txt")));
        EditRejectedException e = catchThrowableOfType(EditRejectedException.class,
                () -> new LocalWorkspace(ws.root()).apply(cs, EditPolicy.anyFile()));
        assertThat(e.violations()).extracting(PolicyViolation::rule).containsExactly(
                Rule.TRAVERSAL, Rule.PROTECTED_PATH, Rule.ALREADY_EXISTS, Rule.MISSING_FILE);
    }

    @Test
    void policyViolationsComeBeforeMatchProblems() {
        TestTree ws = new TestTree(temp.resolve("ws")).file("a.txt", "a\n");
        ChangeSet cs = new ChangeSet(EditFormat.SEARCH_REPLACE, List.of(
                FileEdit.modify(1, "a.txt", List.of(new Hunk("nope\n", "x\n"))),
                FileEdit.create(2, "CODEOWNERS", "* @me\n")));
        assertThat(catchThrowableOfType(EditException.class, () -> new LocalWorkspace(ws.root()).apply(cs, EditPolicy.anyFile())))
                .isInstanceOf(EditRejectedException.class);
    }

    @Test
    void severalBlocksForOneFileAreMatchedAgainstTheOriginal() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws")).file("a.txt", "one\ntwo\nthree\nfour\n");
        ChangeSet cs = EditParser.parse("a.txt\n<<<<<<< SEARCH\nthree\n=======\n3\n>>>>>>> REPLACE\n"
                + "a.txt\n<<<<<<< SEARCH\none\n=======\n1\ntwo\n>>>>>>> REPLACE\n", EditFormat.SEARCH_REPLACE);
        AppliedChanges applied = new LocalWorkspace(ws.root()).apply(cs, EditPolicy.anyFile());
        // The second block's new "two" is not seen by any other block: all match the original.
        assertThat(ws.read("a.txt")).isEqualTo("1\ntwo\ntwo\n3\nfour\n");
        assertThat(applied.files()).containsExactly(new AppliedFile("a.txt", EditKind.MODIFY, 3, 2, 17));
    }

    @Test
    void wholeFileCreatesMissingFilesAndUnchangedFilesAreNotWritten() throws Exception {
        TestTree ws = new TestTree(temp.resolve("ws")).file("same.txt", "same\n");
        AppliedChanges applied = new LocalWorkspace(ws.root()).apply(EditParser.parse(
                "same.txt\n```\nsame\n```\nnew/x.txt\n```\nx\n```\n", EditFormat.WHOLE_FILE), EditPolicy.anyFile());
        assertThat(applied.files()).containsExactly(new AppliedFile("new/x.txt", EditKind.CREATE, 1, 0, 2));
        assertThat(ws.read("new/x.txt")).isEqualTo("x\n");
    }

    @Test
    void readingFollowsTheSamePathRules() throws Exception {
        TestTree outside = new TestTree(temp.resolve("outside")).file("secret.txt", "secret\n");
        TestTree ws = new TestTree(temp.resolve("ws")).file("src/A.java", "a\n").file(".git/config", "x\n")
                .symlink("link", outside.root());
        LocalWorkspace w = new LocalWorkspace(ws.root());
        assertThat(w.readFile("src/A.java")).contains("a\n");
        assertThat(w.readFile("src/Missing.java")).isEmpty();
        assertThatThrownBy(() -> w.readFile("link/secret.txt")).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("points outside the workspace");
        assertThatThrownBy(() -> w.readFile("../outside/secret.txt")).hasMessageContaining("'..' segments");
        assertThat(w.listFiles()).containsExactly("src/A.java");
    }

    @Test
    void aPlanNamingPathsNoChangeMayTouchDoesNotFailButTheyStayUnusable() {
        EditPolicy policy = EditPolicy.forPlan(List.of("src/A.java", ".git/hooks/pre-commit", "../x", "/etc/passwd",
                "Jenkinsfile", "docs/**", "**"));

        assertThat(policy.allowedPaths()).containsExactlyInAnyOrder("src/A.java", "Jenkinsfile");
        assertThat(policy.allows("docs/new.md")).isFalse();
        assertThat(policy.neverEditable("**")).hasValueSatisfying(r -> assertThat(r).contains("files, not patterns"));
        assertThat(policy.neverEditable(".git/hooks/pre-commit")).hasValueSatisfying(r -> assertThat(r).contains("GIT_DIRECTORY"));
        assertThat(policy.neverEditable("../x")).hasValueSatisfying(r -> assertThat(r).contains("TRAVERSAL"));
        assertThat(policy.neverEditable("Jenkinsfile")).hasValueSatisfying(r -> assertThat(r).contains("PROTECTED_PATH"));
        assertThat(policy.neverEditable("src/A.java")).isEmpty();
    }

    @Test
    void pathsTheStepAllowsAreCheckedStrictly() {
        EditPolicy policy = EditPolicy.forPlan(List.of("src/A.java")).allowing(List.of("test/**", "notes.md"));

        assertThat(policy.allowedPaths()).containsExactlyInAnyOrder("src/A.java", "test/**", "notes.md");
        assertThatThrownBy(() -> policy.allowing(List.of("../escape"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TRAVERSAL");
    }

    @Test
    void aChangeSetWritingAFileAndAFileBelowItIsSentBackNotAttempted() throws Exception {
        LocalWorkspace ws = new LocalWorkspace(temp);
        String before = ws.checksum();
        ChangeSet clash = EditParser.parse("x\n<<<<<<< SEARCH\n=======\nfile\n>>>>>>> REPLACE\n"
                + "x/y\n<<<<<<< SEARCH\n=======\nbelow\n>>>>>>> REPLACE\n", EditFormat.SEARCH_REPLACE);

        EditParseException e = catchThrowableOfType(EditParseException.class, () -> ws.apply(clash, EditPolicy.anyFile()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("x/y");
            assertThat(p.block()).isEqualTo(2);
            assertThat(p.reason()).contains("also writes x", "both a file and this file's directory");
        });
        assertThat(ws.checksum()).isEqualTo(before);
    }
}
