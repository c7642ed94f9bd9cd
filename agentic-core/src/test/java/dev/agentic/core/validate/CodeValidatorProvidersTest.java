package dev.agentic.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.NetworkPolicy;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceConfigurationError;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How {@link CodeValidator#forLanguage} finds validators through {@link CodeValidatorProvider}s, and how it fails.
 * Core's own test classpath has no provider, as a host without {@code agentic-validate} would.
 */
class CodeValidatorProvidersTest {

    @Test
    void forLanguageWithoutAnyProviderNamesTheArtifactToAdd() {
        assertThatThrownBy(() -> CodeValidator.forLanguage(Language.PYTHON, ValidationPolicy.standard()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("No validator for PYTHON; add dev.agentic:agentic-validate, or call "
                        + "Executor.builder().validator(…).");
        assertThatThrownBy(() -> CodeValidator.forLanguage(Language.JAVA, ValidationPolicy.strict()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("No validator for JAVA")
                .hasMessageContaining("dev.agentic:agentic-validate");
    }

    @Test
    void supportedLanguagesIsEmptyWithoutAProvider() {
        assertThat(CodeValidator.supportedLanguages()).isEmpty();
    }

    @Test
    void providerIsAskedForItsLanguageAndPolicy() {
        ValidatorProviders providers = new ValidatorProviders(
                List.<CodeValidatorProvider>of(new Fixed(Language.JAVA)).iterator());
        ValidationPolicy policy = ValidationPolicy.strict();

        CodeValidator v = providers.create(Language.JAVA, policy);

        assertThat(v.language()).isEqualTo(Language.JAVA);
        assertThat(((Fixed.Validator) v).policy).isSameAs(policy);
        assertThat(providers.languages()).containsExactly(Language.JAVA);
    }

    @Test
    void languageNoProviderOffersListsTheLanguagesAvailable() {
        ValidatorProviders providers = new ValidatorProviders(
                List.<CodeValidatorProvider>of(new Fixed(Language.JAVA), new Fixed(Language.PYTHON))
                        .iterator());

        assertThatThrownBy(() -> providers.create(Language.JAVASCRIPT, ValidationPolicy.standard()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("No validator for JAVASCRIPT; available: PYTHON, JAVA.")
                .hasMessageContaining("Executor.builder().validator(…)");
    }

    @Test
    void firstProviderForALanguageWins() {
        Fixed first = new Fixed(Language.PYTHON);
        ValidatorProviders providers =
                new ValidatorProviders(List.<CodeValidatorProvider>of(first, new Fixed(Language.PYTHON))
                        .iterator());

        assertThat(((Fixed.Validator) providers.create(Language.PYTHON, ValidationPolicy.standard())).from)
                .isSameAs(first);
    }

    @Test
    void providerThatFailsToLoadIsLeftOutAndNamedInTheError() {
        ServiceConfigurationError broken = new ServiceConfigurationError(
                "dev.agentic.core.validate.CodeValidatorProvider: Provider com.example.Broken could not be instantiated");
        Iterator<CodeValidatorProvider> found = new Iterator<>() {
            private int step;

            @Override
            public boolean hasNext() {
                return step < 2;
            }

            @Override
            public CodeValidatorProvider next() {
                if (step >= 2) {
                    throw new NoSuchElementException();
                }
                if (step++ == 0) {
                    throw broken;
                }
                return new Fixed(Language.JAVA);
            }
        };
        ValidatorProviders providers = new ValidatorProviders(found);

        assertThat(providers.create(Language.JAVA, ValidationPolicy.standard()).language())
                .isEqualTo(Language.JAVA);
        assertThatThrownBy(() -> providers.create(Language.PYTHON, ValidationPolicy.standard()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("No validator for PYTHON; available: JAVA")
                .hasMessageContaining("com.example.Broken")
                .hasCause(broken);
    }

    @Test
    void servicesFileThatFailsOnEveryStepEndsTheListing() {
        Iterator<CodeValidatorProvider> alwaysBroken = new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new ServiceConfigurationError("malformed services file");
            }

            @Override
            public CodeValidatorProvider next() {
                throw new NoSuchElementException();
            }
        };
        ValidatorProviders providers = new ValidatorProviders(alwaysBroken);

        assertThat(providers.languages()).isEmpty();
        assertThatThrownBy(() -> providers.create(Language.PYTHON, ValidationPolicy.standard()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("add dev.agentic:agentic-validate")
                .hasMessageContaining("malformed services file");
    }

    @Test
    void providerThatCannotLinkItsValidatorIsAConfigurationError() {
        CodeValidatorProvider missingParser = new Fixed(Language.JAVA) {
            @Override
            public CodeValidator create(Language language, ValidationPolicy policy) {
                throw new NoClassDefFoundError("com/github/javaparser/JavaParser");
            }
        };
        ValidatorProviders providers =
                new ValidatorProviders(List.of(missingParser).iterator());

        assertThatThrownBy(() -> providers.create(Language.JAVA, ValidationPolicy.standard()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("com/github/javaparser/JavaParser")
                .hasCauseInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void providerReturningAValidatorForAnotherLanguageIsAConfigurationError() {
        CodeValidatorProvider confused = new Fixed(Language.JAVA) {
            @Override
            public CodeValidator create(Language language, ValidationPolicy policy) {
                return new Fixed(Language.PYTHON).create(Language.PYTHON, policy);
            }
        };
        ValidatorProviders providers = new ValidatorProviders(List.of(confused).iterator());

        assertThatThrownBy(() -> providers.create(Language.JAVA, ValidationPolicy.standard()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("was asked for a JAVA validator and returned one for PYTHON");
    }

    /** Offers one language; its validators accept everything and remember their policy. */
    private static class Fixed implements CodeValidatorProvider {
        private final Language language;

        Fixed(Language language) {
            this.language = language;
        }

        @Override
        public Set<Language> languages() {
            return Set.of(language);
        }

        @Override
        public CodeValidator create(Language l, ValidationPolicy policy) {
            return new Validator(this, l, policy);
        }

        static final class Validator implements CodeValidator {
            final Fixed from;
            final Language language;
            final ValidationPolicy policy;

            Validator(Fixed from, Language language, ValidationPolicy policy) {
                this.from = from;
                this.language = language;
                this.policy = policy;
            }

            @Override
            public Language language() {
                return language;
            }

            @Override
            public ValidationResult validate(Code code, NetworkPolicy network) {
                return new ValidationResult(language, List.of(), Duration.ZERO);
            }
        }
    }
}
