package dev.agentic.examples.cli.spi;

import dev.agentic.core.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds a provider by the scheme of a {@code SCHEME[:ARGUMENT]} option value. */
public final class Providers {
    private Providers() {
    }

    /** The model providers: the built-in ones plus those on the classpath. */
    public static Map<String, ModelProvider> models() {
        return collect(List.of(new ScriptedModelProvider()), ServiceLoader.load(ModelProvider.class),
                ModelProvider::scheme);
    }

    /** The sandbox providers: the built-in ones plus those on the classpath. */
    public static Map<String, SandboxProvider> sandboxes() {
        return collect(List.of(new LocalSandboxProvider()), ServiceLoader.load(SandboxProvider.class),
                SandboxProvider::scheme);
    }

    /**
     * The provider named by {@code spec}'s scheme.
     *
     * @throws ConfigurationException listing every available scheme when none matches
     */
    public static <P> P find(String option, String spec, Map<String, P> providers, Function<P, String> usage) {
        String scheme = scheme(spec);
        P p = providers.get(scheme);
        if (p == null) {
            throw new ConfigurationException("Unknown " + option + " provider '" + scheme + "'; available:\n  "
                    + providers.values().stream().map(usage).collect(Collectors.joining("\n  ")));
        }
        return p;
    }

    /** The text before the first colon. */
    public static String scheme(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? spec : spec.substring(0, colon);
    }

    /** The text after the first colon, or empty. */
    public static String argument(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0 ? "" : spec.substring(colon + 1);
    }

    private static <P> Map<String, P> collect(List<P> builtIn, ServiceLoader<P> loaded, Function<P, String> scheme) {
        List<P> all = new ArrayList<>(builtIn);
        loaded.forEach(all::add);
        Map<String, P> byScheme = new TreeMap<>();
        for (P p : all) {
            byScheme.putIfAbsent(scheme.apply(p), p);
        }
        return byScheme;
    }
}
