package dev.agentic.validate;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Stable;
import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.CodeValidatorProvider;
import dev.agentic.core.validate.ValidationPolicy;
import java.util.Set;

/**
 * Offers {@link Validators#python} to {@link CodeValidator#forLanguage} through {@link java.util.ServiceLoader}
 * (registered in this module's {@code META-INF/services}). Stateless and thread-safe.
 */
@Stable
public final class PythonValidatorProvider implements CodeValidatorProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public PythonValidatorProvider() {}

    @Override
    public Set<Language> languages() {
        return Set.of(Language.PYTHON);
    }

    @Override
    public CodeValidator create(Language language, ValidationPolicy policy) {
        if (language != Language.PYTHON) {
            throw new ConfigurationException("PythonValidatorProvider makes Python validators, not " + language
                    + "; use CodeValidator.forLanguage(" + language + ", policy).");
        }
        return Validators.python(policy);
    }

    @Override
    public String toString() {
        return "PythonValidatorProvider[PYTHON]";
    }
}
