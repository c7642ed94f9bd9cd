package dev.agentic.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LanguageTest {
    @Test
    void parsesCommonSpellingsAndFileExtensions() {
        assertThat(Language.parse("Py")).isEqualTo(Language.PYTHON);
        assertThat(Language.parse("node")).isEqualTo(Language.JAVASCRIPT);
        assertThat(Language.fromFileName("Main.java")).contains(Language.JAVA);
        assertThat(Language.fromFileName("README")).isEmpty();
    }

    @Test
    void unknownLanguageListsTheAcceptedOnes() {
        assertThatThrownBy(() -> Language.parse("rust"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("python, java, javascript");
    }
}
