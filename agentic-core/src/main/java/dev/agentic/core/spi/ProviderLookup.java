package dev.agentic.core.spi;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.model.ChatModel;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.store.ArtifactStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the provider for a spec among those on the classpath and creates what it describes:
 *
 * <pre>{@code
 * ChatModel model = ProviderLookup.chatModels().named("--model").create("scripted:a.md", ProviderContext.defaults());
 * }</pre>
 *
 * <p>Every provider is offered the spec ({@link SpecProvider#accepts}). When none accepts it, one
 * {@link ConfigurationException} lists the usage line of every provider; when more than one accepts it, that
 * is a {@link ConfigurationException} too, naming the providers — there is no "first on the classpath wins",
 * because classpath order is an accident of packaging. Remove one of the jars, or give one provider another
 * scheme.
 *
 * <p>Each static factory loads the providers afresh with {@link ServiceLoader} (nothing is cached across
 * calls, so a changed class loader is seen); a lookup is immutable and thread-safe once loaded.
 *
 * @param <T> what the providers create
 */
@Experimental
public final class ProviderLookup<T> {
    private final String what;
    private final List<SpecProvider<T>> providers;

    private ProviderLookup(String what, List<SpecProvider<T>> providers) {
        this.what = what;
        this.providers = List.copyOf(providers);
    }

    /** The {@link ChatModelProvider}s visible to the thread's context class loader. */
    public static ProviderLookup<ChatModel> chatModels() {
        return load("chat model", ChatModelProvider.class, contextLoader());
    }

    /** The {@link SandboxProvider}s visible to the thread's context class loader. */
    public static ProviderLookup<Sandbox> sandboxes() {
        return load("sandbox", SandboxProvider.class, contextLoader());
    }

    /** The {@link ArtifactStoreProvider}s visible to the thread's context class loader. */
    public static ProviderLookup<ArtifactStore> artifactStores() {
        return load("artifact store", ArtifactStoreProvider.class, contextLoader());
    }

    /** The {@link SecretProviderFactory}s visible to the thread's context class loader. */
    public static ProviderLookup<SecretSource> secrets() {
        return load("secret", SecretProviderFactory.class, contextLoader());
    }

    /**
     * The providers of {@code type} registered in {@code META-INF/services} of {@code loader}.
     *
     * @param what names the kind in messages, e.g. {@code "sandbox"} or a command-line option
     * @throws ConfigurationException when a registered provider cannot be loaded
     */
    public static <T> ProviderLookup<T> load(String what, Class<? extends SpecProvider<T>> type, ClassLoader loader) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(loader, "loader");
        List<SpecProvider<T>> found = new ArrayList<>();
        try {
            for (SpecProvider<T> p : ServiceLoader.load(type, loader)) {
                found.add(p);
            }
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException(
                    "Cannot load a " + type.getName() + " listed in META-INF/services: " + e.getMessage()
                            + ". Fix or remove the jar that lists it.",
                    e);
        }
        return new ProviderLookup<>(what, found);
    }

    /** A lookup over exactly {@code providers}, in that order (for hosts that register providers in code). */
    public static <T> ProviderLookup<T> of(String what, List<? extends SpecProvider<T>> providers) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(providers, "providers");
        providers.forEach(p -> Objects.requireNonNull(p, "providers element"));
        return new ProviderLookup<>(what, new ArrayList<>(providers));
    }

    /** The same providers, with messages naming the kind as {@code what} (e.g. {@code "--model"}). */
    public ProviderLookup<T> named(String what) {
        return new ProviderLookup<>(Objects.requireNonNull(what, "what"), providers);
    }

    /** The providers, in class-path order. */
    public List<SpecProvider<T>> providers() {
        return providers;
    }

    /** The usage line of every provider, in class-path order. */
    public List<String> usages() {
        return providers.stream().map(SpecProvider::usage).toList();
    }

    /**
     * The one provider that accepts {@code spec}.
     *
     * @throws ConfigurationException when {@code spec} is blank, when no provider accepts it (listing every
     *     usage), or when several do (naming them)
     */
    public SpecProvider<T> find(String spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.isBlank()) {
            throw new ConfigurationException("Empty " + what + " spec; " + available());
        }
        List<SpecProvider<T>> accepting =
                providers.stream().filter(p -> p.accepts(spec)).toList();
        if (accepting.isEmpty()) {
            String name = ProviderSpecs.providerName(spec);
            throw new ConfigurationException("Unknown " + what + " provider '" + name + "'"
                    + (name.equals(spec) ? "" : " in '" + spec + "'") + "; " + available());
        }
        if (accepting.size() > 1) {
            throw new ConfigurationException(what + " spec '" + spec + "' is accepted by more than one provider: "
                    + accepting.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(", "))
                    + ". Remove one of them from the classpath.");
        }
        return accepting.get(0);
    }

    /**
     * Creates what {@code spec} describes with the one provider that accepts it. The caller owns the result.
     *
     * @throws ConfigurationException as {@link #find}, and when the provider finds the argument unusable
     */
    public T create(String spec, ProviderContext context) {
        Objects.requireNonNull(context, "context");
        return find(spec).create(spec, context);
    }

    private String available() {
        if (providers.isEmpty()) {
            return "no " + what + " provider is on the classpath; add the module that provides one.";
        }
        return "available:\n  " + String.join("\n  ", usages());
    }

    private static ClassLoader contextLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : ProviderLookup.class.getClassLoader();
    }

    @Override
    public String toString() {
        return "ProviderLookup[" + what + ", "
                + providers.stream().map(p -> p.getClass().getName()).toList() + "]";
    }
}
