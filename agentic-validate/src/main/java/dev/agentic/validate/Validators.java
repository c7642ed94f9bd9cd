package dev.agentic.validate;

import dev.agentic.core.validate.CodeValidator;
import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.validate.internal.java.JavaCodeValidator;
import dev.agentic.validate.internal.python.PythonCodeValidator;
import java.util.Objects;

/**
 * The SDK's validators, for callers that want one directly rather than through
 * {@link CodeValidator#forLanguage}, which finds the same validators through {@link PythonValidatorProvider}
 * and {@link JavaValidatorProvider}.
 *
 * <pre>{@code
 * CodeValidator python = Validators.python(ValidationPolicy.standard());
 * ValidationResult result = python.validate(Code.python(source), NetworkPolicy.allow("api.stripe.com"));
 * }</pre>
 *
 * <p>The validators returned are immutable and thread-safe; share one across threads. They hold no resources
 * to close.
 */
public final class Validators {
    private Validators() {
    }

    /**
     * The Python validator under {@code policy}: tree-sitter parses the program, and the rules run on a copy of
     * the tree in Java. Tree-sitter's native library loads on the first validation.
     */
    public static CodeValidator python(ValidationPolicy policy) {
        return new PythonCodeValidator(Objects.requireNonNull(policy, "policy"));
    }

    /** The Java validator under {@code policy}: javaparser at the Java 17 language level. */
    public static CodeValidator java(ValidationPolicy policy) {
        return new JavaCodeValidator(Objects.requireNonNull(policy, "policy"));
    }
}
