package dev.agentic.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.CodeValidatorProvider;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.validate.internal.java.JavaCodeValidator;
import dev.agentic.validate.internal.python.PythonCodeValidator;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** With this module on the classpath, {@link CodeValidator#forLanguage} finds its validators through ServiceLoader. */
class ValidatorProvidersTest {

    @Test
    void serviceLoaderListsThePythonAndJavaProviders() {
        assertThat(ServiceLoader.load(CodeValidatorProvider.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(PythonValidatorProvider.class, JavaValidatorProvider.class);
    }

    @Test
    void forLanguageReturnsThisModulesValidators() {
        CodeValidator python = CodeValidator.forLanguage(Language.PYTHON, ValidationPolicy.standard());
        CodeValidator java = CodeValidator.forLanguage(Language.JAVA, ValidationPolicy.standard());

        assertThat(python).isInstanceOf(PythonCodeValidator.class);
        assertThat(python.language()).isEqualTo(Language.PYTHON);
        assertThat(java).isInstanceOf(JavaCodeValidator.class);
        assertThat(java.language()).isEqualTo(Language.JAVA);
        assertThat(CodeValidator.supportedLanguages()).containsExactly(Language.PYTHON, Language.JAVA);
    }

    @Test
    void validatorFoundByLanguageAppliesThePolicyItWasGiven() {
        String source = "import os\nprint(os.getuid())\n";
        assertThat(CodeValidator.forLanguage(Language.PYTHON, ValidationPolicy.standard())
                        .validate(Code.python(source))
                        .valid())
                .isTrue();
        assertThat(CodeValidator.forLanguage(Language.PYTHON, ValidationPolicy.strict())
                        .validate(Code.python(source))
                        .valid())
                .isFalse();
    }

    @Test
    void languageWithoutAValidatorListsTheLanguagesThisModuleOffers() {
        assertThatThrownBy(() -> CodeValidator.forLanguage(Language.JAVASCRIPT, ValidationPolicy.standard()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("No validator for JAVASCRIPT; available: PYTHON, JAVA.");
    }

    @Test
    void providerRefusesALanguageItDoesNotOffer() {
        assertThat(new PythonValidatorProvider().languages()).containsExactly(Language.PYTHON);
        assertThat(new JavaValidatorProvider().languages()).containsExactly(Language.JAVA);
        assertThatThrownBy(() -> new PythonValidatorProvider().create(Language.JAVA, ValidationPolicy.standard()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not JAVA");
        assertThatThrownBy(() -> new JavaValidatorProvider().create(Language.PYTHON, ValidationPolicy.standard()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not PYTHON");
    }
}
