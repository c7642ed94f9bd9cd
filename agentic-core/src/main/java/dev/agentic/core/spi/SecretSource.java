package dev.agentic.core.spi;

import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import java.util.Objects;

/**
 * What a secret spec names: the provider to ask and the reference to resolve there. The spec
 * {@code env:STRIPE_KEY} gives the environment provider and {@code SecretRef.of("STRIPE_KEY")}.
 *
 * @param provider the backend that holds the secret
 * @param ref the secret's reference in that backend
 */
@Experimental
public record SecretSource(SecretProvider provider, SecretRef ref) {
    public SecretSource {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(ref, "ref");
    }

    /** Fetches the value from {@link #provider()}; the value must never be logged. */
    public String resolve() {
        return provider.resolve(ref);
    }
}
