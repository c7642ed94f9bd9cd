package dev.agentic.validate;

import com.github.javaparser.ParserConfiguration;
import dev.agentic.core.annotation.Stable;
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
@Stable
public final class Validators {
    /**
     * System property that, set to {@code true}, makes Python validators built without an explicit
     * {@link PythonBuilder#unsafeTreeCopy(boolean)} choice (including those {@link CodeValidator#forLanguage} and
     * the default executor find) use the unsafe tree copy. Read when a validator is built. Off by default; read
     * {@link PythonBuilder#unsafeTreeCopy(boolean)} before setting it.
     */
    public static final String UNSAFE_TREE_COPY_PROPERTY = "agentic.validate.python.unsafeTreeCopy";

    private Validators() {}

    /**
     * The Python validator under {@code policy}: tree-sitter parses the program, and the rules run on a copy of
     * the tree in Java, made with tree-sitter's own API. Tree-sitter's native library loads on the first
     * validation; where it cannot load, {@link CodeValidator#validate} throws a
     * {@link dev.agentic.core.ConfigurationException} naming the platform. Same as
     * {@code pythonBuilder().policy(policy).build()}.
     */
    public static CodeValidator python(ValidationPolicy policy) {
        return pythonBuilder().policy(policy).build();
    }

    /** A builder for a Python validator with options beyond its policy. */
    public static PythonBuilder pythonBuilder() {
        return new PythonBuilder();
    }

    /** The Java validator under {@code policy}: javaparser at the Java 17 language level. */
    public static CodeValidator java(ValidationPolicy policy) {
        return new JavaCodeValidator(Objects.requireNonNull(policy, "policy"));
    }

    /**
     * A new javaparser configuration exactly as the Java validator parses with it (Java 17 language level, node
     * positions kept, no comment attribution, no line-separator detection), for tools that parse the same way —
     * such as benchmarks that compare the validator with the bare parse.
     */
    public static ParserConfiguration javaParserConfiguration() {
        return JavaCodeValidator.configuration(false);
    }

    /**
     * Builds a Python validator. Not thread-safe; the validator built is.
     *
     * <pre>{@code
     * CodeValidator python = Validators.pythonBuilder().policy(ValidationPolicy.strict()).build();
     * }</pre>
     */
    public static final class PythonBuilder {
        private ValidationPolicy policy = ValidationPolicy.standard();
        private Boolean unsafeTreeCopy;

        private PythonBuilder() {}

        /** The policy to check against (default {@link ValidationPolicy#standard()}). */
        public PythonBuilder policy(ValidationPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Whether to copy each parsed tree by reading tree-sitter's native memory directly, at offsets that
         * match tree-sitter 0.24's internal layout, through {@code sun.misc.Unsafe}, instead of walking it with
         * tree-sitter's API (one JNI call per step). It saves about a millisecond on a 300-line program.
         *
         * <p><b>Risk:</b> a wrong offset (another tree-sitter build, another platform) reads the wrong memory,
         * and a read outside mapped memory crashes the whole host JVM; no exception can catch that. A self-check
         * that compares both copies on sample programs runs before the first use and falls back to the API walk
         * when they differ, but it cannot rule out a crash. The copy is also never used on JDK 24 and later
         * (where {@code sun.misc.Unsafe} memory access prints a warning) or on a platform that is not 64-bit
         * little-endian. Use it only where a millisecond per validation matters and the JVM can be restarted.
         *
         * <p>Default: off, unless the system property {@value Validators#UNSAFE_TREE_COPY_PROPERTY} is
         * {@code true} when {@link #build()} runs.
         */
        public PythonBuilder unsafeTreeCopy(boolean enabled) {
            this.unsafeTreeCopy = enabled;
            return this;
        }

        /** The validator. Loads nothing native yet: that happens on its first validation. */
        public CodeValidator build() {
            boolean unsafe = unsafeTreeCopy != null ? unsafeTreeCopy : Boolean.getBoolean(UNSAFE_TREE_COPY_PROPERTY);
            return new PythonCodeValidator(policy, unsafe);
        }
    }
}
