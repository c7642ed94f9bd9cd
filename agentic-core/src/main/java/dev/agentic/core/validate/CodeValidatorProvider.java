package dev.agentic.core.validate;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Experimental;
import java.util.Set;

/**
 * Supplies {@link CodeValidator}s for some languages. {@link CodeValidator#forLanguage} finds providers with
 * {@link java.util.ServiceLoader}: a module registers its provider's class name in
 * {@code META-INF/services/dev.agentic.core.validate.CodeValidatorProvider}. {@code dev.agentic:agentic-validate}
 * registers the Python and Java validators this way.
 *
 * <p>An implementation is a public class with a public no-argument constructor, creates nothing heavy in that
 * constructor (it runs while the providers are listed), and is thread-safe: one instance serves every caller
 * for the life of the class loader. When two providers on the classpath offer the same language, the first
 * one {@link java.util.ServiceLoader} lists is used.
 *
 * <pre>{@code
 * public final class JavaScriptValidatorProvider implements CodeValidatorProvider {
 *     public Set<Language> languages() { return Set.of(Language.JAVASCRIPT); }
 *     public CodeValidator create(Language language, ValidationPolicy policy) {
 *         return new JavaScriptValidator(policy);
 *     }
 * }
 * }</pre>
 */
@Experimental
public interface CodeValidatorProvider {

    /** The languages {@link #create} accepts; fixed for the life of the provider. */
    Set<Language> languages();

    /**
     * A validator for {@code language} under {@code policy}. Called only with a language from
     * {@link #languages()}; may return a new validator or a shared one.
     *
     * @throws ConfigurationException when the validator cannot work here, saying why and what to do instead
     */
    CodeValidator create(Language language, ValidationPolicy policy);
}
