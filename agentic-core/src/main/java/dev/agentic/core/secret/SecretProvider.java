package dev.agentic.core.secret;

import dev.agentic.core.annotation.Stable;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves {@link SecretRef}s to values. Implementations are thread-safe; agentic-testkit's
 * {@code SecretProviderContract} states the behaviour as tests. Values are handed to the sandbox
 * as environment variables and registered with a {@link Redactor}; they must never be logged.
 */
@Stable
@FunctionalInterface
public interface SecretProvider {

    /**
     * Returns the secret's value (after applying {@link SecretRef#field()}), of the version the ref names
     * or else the current one.
     *
     * @throws SecretException when it does not exist, cannot be read, or names a version this provider does
     *         not keep; the message names it, not its value
     */
    String resolve(SecretRef ref);

    /** Secrets from this process's environment variables: the ref's name is the variable name. */
    static SecretProvider environment() {
        return new EnvironmentSecretProvider(System::getenv);
    }

    /** Secrets from a fixed map (name to raw value); for tests and simple hosts. */
    static SecretProvider fromMap(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return new EnvironmentSecretProvider(copy::get);
    }

    /**
     * {@code delegate} behind a cache that serves each resolved ref for {@code ttl}; see
     * {@link CachingSecretProvider} for the rules (one fetch per ref at a time, failures not cached).
     */
    static CachingSecretProvider caching(SecretProvider delegate, Duration ttl) {
        return CachingSecretProvider.builder().delegate(delegate).ttl(ttl).build();
    }

    /** Secrets looked up by a function returning null for unknown names. */
    static SecretProvider of(Function<String, String> lookup) {
        return new EnvironmentSecretProvider(lookup);
    }
}
