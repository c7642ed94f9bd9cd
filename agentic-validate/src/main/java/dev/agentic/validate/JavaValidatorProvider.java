package dev.agentic.validate;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Stable;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.CodeValidatorProvider;
import dev.agentic.core.validate.ValidationPolicy;
import java.util.Set;

/**
 * Offers {@link Validators#java} to {@link CodeValidator#forLanguage} through {@link java.util.ServiceLoader}
 * (registered in this module's {@code META-INF/services}). Stateless and thread-safe.
 */
@Stable
public final class JavaValidatorProvider implements CodeValidatorProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public JavaValidatorProvider() {}

    @Override
    public Set<Language> languages() {
        return Set.of(Language.JAVA);
    }

    @Override
    public CodeValidator create(Language language, ValidationPolicy policy) {
        if (language != Language.JAVA) {
            throw new ConfigurationException("JavaValidatorProvider makes Java validators, not " + language
                    + "; use CodeValidator.forLanguage(" + language + ", policy).");
        }
        return Validators.java(policy);
    }

    @Override
    public String toString() {
        return "JavaValidatorProvider[JAVA]";
    }
}
