package dev.agentic.core.secret;

import java.util.Objects;
import java.util.function.Function;

/**
 * Resolves secrets from environment variables (or any name-to-value lookup). Thread-safe when the lookup is.
 */
public final class EnvironmentSecretProvider implements SecretProvider {
    private final Function<String, String> lookup;

    /** @param lookup returns the raw value for a name, or null when there is none */
    public EnvironmentSecretProvider(Function<String, String> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    public String resolve(SecretRef ref) {
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
}
