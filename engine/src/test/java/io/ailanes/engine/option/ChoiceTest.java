package io.ailanes.engine.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ailanes.engine.edit.EditFormat;
import io.ailanes.engine.implement.Implementer;
import io.ailanes.engine.provider.ProviderKind;
import org.junit.jupiter.api.Test;

/** The step parameters with a fixed set of values: one owner for the names, the labels and the message. */
class ChoiceTest {

    @Test
    void parsesTheWrittenNameIgnoringCaseAndBlanks() {
        assertThat(EditFormat.of("unified-diff", "format")).isEqualTo(EditFormat.UNIFIED_DIFF);
        assertThat(EditFormat.of(" Whole-File ", "format")).isEqualTo(EditFormat.WHOLE_FILE);
        assertThat(Implementer.OnFailure.of("REVERT", "onFailure")).isEqualTo(Implementer.OnFailure.REVERT);
        assertThat(FailOn.of("never")).isEqualTo(FailOn.NEVER);
    }

    @Test
    void aBadValueNamesTheParameterAsItWasWrittenAndEveryAllowedValue() {
        assertThatThrownBy(() -> EditFormat.of("patch", "--format")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--format must be search-replace, unified-diff or whole-file, not 'patch'");
        assertThatThrownBy(() -> EditFormat.of("search_replace", "format"))
                .hasMessage("format must be search-replace, unified-diff or whole-file, not 'search_replace'");
        assertThatThrownBy(() -> Implementer.OnFailure.of("undo", "onFailure"))
                .hasMessage("onFailure must be keep or revert, not 'undo'");
        assertThatThrownBy(() -> FailOn.of("severe"))
                .hasMessage("failOn must be high, medium, low or never, not 'severe'");
        assertThatThrownBy(() -> FailOn.of(null)).hasMessage("failOn must be high, medium, low or never, not 'null'");
    }

    @Test
    void eachValueHasItsNameAndTheLabelAFormShows() {
        assertThat(EditFormat.SEARCH_REPLACE.id()).isEqualTo("search-replace");
        assertThat(EditFormat.SEARCH_REPLACE.label()).isEqualTo("search/replace blocks");
        assertThat(Implementer.OnFailure.KEEP.label()).isEqualTo("keep the last change for inspection");
        assertThat(FailOn.MEDIUM.id()).isEqualTo("medium");
        assertThat(FailOn.MEDIUM.label()).isEqualTo("a medium or high finding");
        assertThat(Choice.ids(Implementer.OnFailure.class)).isEqualTo("keep or revert");
        assertThat(ProviderKind.ANTHROPIC.id()).isEqualTo("anthropic");
        assertThat(ProviderKind.GEMINI.label()).isEqualTo("Google Gemini");
        assertThat(Choice.ids(ProviderKind.class)).isEqualTo("openai, anthropic or gemini");
    }
}
