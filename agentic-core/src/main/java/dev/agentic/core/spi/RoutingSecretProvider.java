package dev.agentic.core.spi;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.secret.SecretException;
import dev.agentic.core.secret.SecretProvider;
import dev.agentic.core.secret.SecretRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SecretProvider} that sends each reference to the backend it was routed to, so that one task can
 * hold secrets of several backends. The references a task carries are the routes' keys; the {@code agentic}
 * command uses the spec itself as the key, which never collides across backends:
 *
 * <pre>{@code
 * ProviderLookup<SecretSource> secrets = ProviderLookup.secrets();
 * SecretRef stripe = SecretRef.of("env:STRIPE_KEY");
 * SecretRef db = SecretRef.of("secretsmanager:payments/prod#db_password");
 * SecretProvider routed = RoutingSecretProvider.builder()
 *         .route(stripe, secrets.create("env:STRIPE_KEY", ProviderContext.defaults()))
 *         .route(db, secrets.create("secretsmanager:payments/prod#db_password", ProviderContext.defaults()))
 *         .build();
 * Task task = Task.builder().description("...")
 *         .secret("STRIPE_API_KEY", stripe)
 *         .secret("DB_PASSWORD", db)
 *         .build();
 * // Orchestrator.builder().secrets(routed)...
 * }</pre>
 *
 * <p>Immutable and thread-safe when its backends are. It owns nothing: whoever created a backend that holds
 * resources closes it.
 */
@Experimental
public final class RoutingSecretProvider implements SecretProvider {
    private final Map<SecretRef, SecretSource> routes;

    private RoutingSecretProvider(Builder b) {
        this.routes = Map.copyOf(b.routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.routes.putAll(routes);
        return b;
    }

    /** Every route: the reference a task carries, and where its value comes from. */
    public Map<SecretRef, SecretSource> routes() {
        return routes;
    }

    /**
     * Resolves {@code ref} through the backend it was routed to.
     *
     * @throws SecretException when {@code ref} has no route, or its backend cannot resolve it
     */
    @Override
    public String resolve(SecretRef ref) {
        Objects.requireNonNull(ref, "ref");
        SecretSource source = routes.get(ref);
        if (source == null) {
            throw new SecretException("Secret '" + ref + "' has no route; routed secrets are " + routes.keySet()
                    + ". Add it with RoutingSecretProvider.builder().route(...).");
        }
        return source.resolve();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingSecretProvider other && routes.equals(other.routes);
    }

    @Override
    public int hashCode() {
        return routes.hashCode();
    }

    /** Names the routes and their backends; never a value. */
    @Override
    public String toString() {
        return "RoutingSecretProvider" + routes;
    }

    /** Builds a {@link RoutingSecretProvider}. Not thread-safe. */
    public static final class Builder {
        private final Map<SecretRef, SecretSource> routes = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Sends {@code ref} to {@code source}. Routing the same reference again to an equal source is allowed.
         *
         * @throws ConfigurationException when {@code ref} is already routed to a different source
         */
        public Builder route(SecretRef ref, SecretSource source) {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(source, "source");
            SecretSource before = routes.putIfAbsent(ref, source);
            if (before != null && !before.equals(source)) {
                throw new ConfigurationException("RoutingSecretProvider.route: secret '" + ref + "' is already "
                        + "routed to " + before + "; give the other secret a different reference.");
            }
            return this;
        }

        public RoutingSecretProvider build() {
            return new RoutingSecretProvider(this);
        }
    }
}
