package dev.agentic.core.validate;

import dev.agentic.core.Code;
import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.internal.java.JavaCodeValidator;
import java.util.EnumSet;
import java.util.Set;

/**
 * Checks a program statically against a policy before it runs. A policy gate and a lint, not the
 * security boundary (the sandbox is).
 *
 * <p>Implementations are thread-safe and never throw for bad code: syntax errors and policy violations are
 * {@link Finding}s in the returned {@link ValidationResult}.
 */
public interface CodeValidator {

    /** The language this validator understands. */
    Language language();

    /**
     * Validates {@code code}. Literal hosts the program contacts are checked against {@code network}.
     *
     * @throws ConfigurationException when {@code code} is not in {@link #language()}
     */
    ValidationResult validate(Code code, NetworkPolicy network);

    /** Validates with no network allowed. */
    default ValidationResult validate(Code code) {
        return validate(code, NetworkPolicy.none());
    }

    /** Languages for which {@link #forLanguage} has a validator. */
    static Set<Language> supportedLanguages() {
        return EnumSet.of(Language.PYTHON, Language.JAVA);
    }

    /** The Python validator (tree-sitter) under {@code policy}. */
    static CodeValidator python(ValidationPolicy policy) {
        return new dev.agentic.core.validate.internal.python.PythonCodeValidator(policy);
    }

    /** The Java validator (javaparser, Java 17 language level) under {@code policy}. */
    static CodeValidator java(ValidationPolicy policy) {
        return new JavaCodeValidator(policy);
    }

    /**
     * The SDK's validator for {@code language} under {@code policy}.
     *
     * @throws ConfigurationException naming the supported languages when there is none for {@code language}
     */
    static CodeValidator forLanguage(Language language, ValidationPolicy policy) {
        java.util.Objects.requireNonNull(language, "language");
        java.util.Objects.requireNonNull(policy, "policy");
        if (language == Language.PYTHON) {
            return python(policy);
        }
        if (language == Language.JAVA) {
            return java(policy);
        }
        throw new ConfigurationException("No validator for language " + language + "; available: "
                + supportedLanguages() + ". Configure one with Executor.builder().validator(...).");
    }
}
