package dev.agentic.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.store.ContentTypes;
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
    void typeScriptHasItsOwnNameExtensionAndContentType() {
        assertThat(Language.parse("TS")).isEqualTo(Language.TYPESCRIPT);
        assertThat(Language.parse("typescript").id()).isEqualTo("typescript");
        assertThat(Language.fromFileName("main.ts")).contains(Language.TYPESCRIPT);
        assertThat(ContentTypes.forExtension("ts")).contains("text/x-typescript");
    }

    @Test
    void unknownLanguageListsTheAcceptedOnes() {
        assertThatThrownBy(() -> Language.parse("rust"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("python, java, javascript, typescript");
    }
}
