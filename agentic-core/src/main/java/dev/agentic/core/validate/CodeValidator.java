package dev.agentic.core.validate;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Stable;
import dev.agentic.core.sandbox.NetworkPolicy;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a program statically against a policy before it runs. A policy gate and a lint, not the
 * security boundary (the sandbox is).
 *
 * <p>Implementations are thread-safe and never throw for bad code: syntax errors and policy violations are
 * {@link Finding}s in the returned {@link ValidationResult}.
 */
@Stable
public interface CodeValidator {

    /** The language this validator understands. */
    Language language();

    /**
     * Validates {@code code}. Literal hosts the program contacts are checked against {@code network}.
     *
     * @throws ConfigurationException when {@code code} is not in {@link #language()}, or when the validator
     *     cannot work on this platform (for example, its native parser does not load); the message says what
     *     to do instead
     */
    ValidationResult validate(Code code, NetworkPolicy network);

    /** Validates with no network allowed. */
    default ValidationResult validate(Code code) {
        return validate(code, NetworkPolicy.none());
    }

    /**
     * Languages for which {@link #forLanguage} has a validator: those the {@link CodeValidatorProvider}s on the
     * classpath offer ({@code dev.agentic:agentic-validate} offers PYTHON and JAVA). Empty without a provider.
     */
    static Set<Language> supportedLanguages() {
        return ValidatorProviders.installed().languages();
    }

    /**
     * A validator for {@code language} under {@code policy}, from the {@link CodeValidatorProvider} on the
     * classpath that offers it (found with {@link java.util.ServiceLoader} on first use, then kept).
     * {@code dev.agentic:agentic-validate} provides the Python (tree-sitter) and Java (javaparser) validators.
     * Thread-safe.
     *
     * @throws ConfigurationException when no provider offers {@code language}: it names the artifact to add
     *     when there is no provider at all, and the languages available when there are some
     */
    static CodeValidator forLanguage(Language language, ValidationPolicy policy) {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(policy, "policy");
        return ValidatorProviders.installed().create(language, policy);
    }
}
