package dev.agentic.core.spi;

import dev.agentic.core.annotation.Experimental;

/**
 * Creates a {@code T} from a spec such as {@code scripted:answer.md} or {@code local}. A provider is offered
 * every spec and declines those that are not its own, so a lookup can try each provider on the classpath.
 *
 * <p>Implementations are stateless and thread-safe, and have a public no-argument constructor so that
 * {@link java.util.ServiceLoader} can create them. Implement one of the typed sub-interfaces
 * ({@link ChatModelProvider}, {@link SandboxProvider}, {@link ArtifactStoreProvider},
 * {@link SecretProviderFactory}); the lookup loads those.
 *
 * @param <T> what the provider creates
 */
@Experimental
public interface SpecProvider<T> {

    /**
     * One line for help and error messages: the spec's form, two spaces, what it gives. For example
     * {@code "scripted:FILE[,FILE...]  offline model: call N is answered with the text of file N"}.
     */
    String usage();

    /**
     * Whether {@code spec} is this provider's to handle: a quick check of its form (usually its scheme, see
     * {@link ProviderSpecs}) without side effects and without judging the rest. Returning true commits this
     * provider: {@link #create} then reports a bad argument instead of another provider getting a chance.
     */
    boolean accepts(String spec);

    /**
     * Creates the object {@code spec} describes; called only after {@link #accepts} returned true. Whoever
     * calls this owns the result and closes it when it is closeable.
     *
     * @throws dev.agentic.core.ConfigurationException when the argument is unusable, saying what is expected
     */
    T create(String spec, ProviderContext context);
}
