package dev.agentic.core.spi;

import dev.agentic.core.annotation.Experimental;

/**
 * Creates a {@link SecretSource} from a spec that names both the backend and the secret in it:
 * {@code env:VARIABLE} (built into {@code agentic-core}), later {@code secretsmanager:ID#FIELD}. Register
 * implementations in {@code META-INF/services/dev.agentic.core.spi.SecretProviderFactory}; find them with
 * {@link ProviderLookup#secrets()}. Stateless and thread-safe.
 *
 * <p>Secrets of several backends in one task go through a {@link RoutingSecretProvider}, which sends each
 * reference to the provider its spec named.
 */
@Experimental
public interface SecretProviderFactory extends SpecProvider<SecretSource> {}
