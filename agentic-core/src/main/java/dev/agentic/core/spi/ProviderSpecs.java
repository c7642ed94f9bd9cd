package dev.agentic.core.spi;

import dev.agentic.core.annotation.Experimental;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the scheme and the argument of a spec, for {@link SpecProvider#accepts} and
 * {@link SpecProvider#create}. A spec is {@code SCHEME}, {@code SCHEME:ARGUMENT} or, for stores, a plain
 * path. Schemes compare without regard to case, as in URIs. Stateless.
 */
@Experimental
public final class ProviderSpecs {
    /** A URI scheme of two or more characters (one letter before a colon is a Windows drive). */
    private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]+):.*", Pattern.DOTALL);

    private ProviderSpecs() {}

    /**
     * The scheme before the first colon when the spec starts with one: {@code s3} for
     * {@code s3://bucket/prefix}, {@code scripted} for {@code scripted:a.md}. Empty for {@code local},
     * {@code agentic-runs}, {@code ./runs:old} and {@code C:\runs}.
     */
    public static Optional<String> scheme(String spec) {
        Objects.requireNonNull(spec, "spec");
        Matcher m = SCHEME.matcher(spec);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether {@code spec} is {@code scheme} alone or starts with {@code scheme:}, ignoring case. */
    public static boolean hasScheme(String spec, String scheme) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(scheme, "scheme");
        return spec.equalsIgnoreCase(scheme)
                || spec.length() > scheme.length()
                        && spec.charAt(scheme.length()) == ':'
                        && spec.regionMatches(true, 0, scheme, 0, scheme.length());
    }

    /**
     * The text after {@code scheme:}, or empty when {@code spec} is the bare scheme.
     *
     * @throws IllegalArgumentException when {@code spec} does not have {@code scheme} (see {@link #hasScheme})
     */
    public static String argument(String spec, String scheme) {
        if (!hasScheme(spec, scheme)) {
            throw new IllegalArgumentException("'" + spec + "' does not start with " + scheme + ":");
        }
        return spec.length() == scheme.length() ? "" : spec.substring(scheme.length() + 1);
    }

    /** What names the provider in messages: the scheme, else the text before the first colon, else all. */
    static String providerName(String spec) {
        return scheme(spec).orElseGet(() -> {
            int colon = spec.indexOf(':');
            return colon < 0 ? spec : spec.substring(0, colon);
        });
    }
}
