package dev.agentic.core.secret;

import dev.agentic.core.annotation.Stable;
import java.util.Objects;
import java.util.function.Function;

/**
 * Resolves secrets from environment variables (or any name-to-value lookup). Thread-safe when the lookup is.
 * Environment variables have no versions, so a {@link SecretRef} that names one is refused rather than
 * answered with the only value there is.
 */
@Stable
public final class EnvironmentSecretProvider implements SecretProvider {
    private final Function<String, String> lookup;

    /** @param lookup returns the raw value for a name, or null when there is none */
    public EnvironmentSecretProvider(Function<String, String> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    public String resolve(SecretRef ref) {
        Objects.requireNonNull(ref, "ref");
        if (ref.hasVersion()) {
            throw new SecretException("Secret '" + ref + "' names a version, but " + this + " keeps no versions; "
                    + "drop the version from the reference or use a provider that keeps versions.");
        }
        String raw = lookup.apply(ref.name());
        if (raw == null) {
            throw new SecretException("Secret '" + ref.name() + "' is not set; export it as an environment "
                    + "variable named " + ref.name() + " or use another SecretProvider.");
        }
        if (raw.isEmpty()) {
            throw new SecretException("Secret '" + ref.name() + "' is set but empty.");
        }
        return ref.select(raw);
    }

    @Override
    public String toString() {
        return "EnvironmentSecretProvider";
    }
}
