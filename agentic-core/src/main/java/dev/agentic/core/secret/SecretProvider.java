package dev.agentic.core.secret;

import java.util.Map;
import java.util.function.Function;

/**
 * Resolves {@link SecretRef}s to values. Implementations are thread-safe. Values are handed to the sandbox
 * as environment variables and registered with a {@link Redactor}; they must never be logged.
 */
@FunctionalInterface
public interface SecretProvider {

    /**
     * Returns the secret's value (after applying {@link SecretRef#field()}).
     *
     * @throws SecretException when it does not exist or cannot be read; the message names it, not its value
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

    /** Secrets looked up by a function returning null for unknown names. */
    static SecretProvider of(Function<String, String> lookup) {
        return new EnvironmentSecretProvider(lookup);
    }
}
