package dev.agentic.core.sandbox;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.annotation.Experimental;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to open a {@link SandboxSession}: its language, the limits of each run, the network policy, the
 * environment and resolved secrets its interpreter starts with, and how long it may sit idle. Immutable and
 * thread-safe; build with {@link #builder()}. {@link #toString()} never shows secret values.
 *
 * <p>Defaults: {@link ExecutionLimits#defaults()} (each run's wall time also bounded by
 * {@link SessionRequest#timeout()}), {@link NetworkPolicy#none()}, no environment, no secrets, 15 minutes
 * idle timeout. A sandbox refuses options it cannot honour with an {@link UnsupportedCapabilityException}, by
 * the same rules as a one-shot request ({@link SandboxCapabilities#requiredBy(SessionOptions)}).
 */
@Experimental
public final class SessionOptions {
    private static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);

    private final Language language;
    private final ExecutionLimits limits;
    private final NetworkPolicy network;
    private final Map<String, String> environment;
    private final Map<String, String> secrets;
    private final Duration idleTimeout;

    private SessionOptions(Builder b) {
        this.language = b.language;
        this.limits = b.limits;
        this.network = b.network;
        this.environment = Map.copyOf(b.environment);
        this.secrets = Map.copyOf(b.secrets);
        this.idleTimeout = b.idleTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options for a session in {@code language} with every default. */
    public static SessionOptions of(Language language) {
        return builder().language(language).build();
    }

    public Builder toBuilder() {
        Builder b =
                new Builder().language(language).limits(limits).network(network).idleTimeout(idleTimeout);
        b.environment.putAll(environment);
        b.secrets.putAll(secrets);
        return b;
    }

    /** The language of every run in the session. */
    public Language language() {
        return language;
    }

    /** The limits of each run; see {@link ExecutionLimits} for which of them bound the session as a whole. */
    public ExecutionLimits limits() {
        return limits;
    }

    public NetworkPolicy network() {
        return network;
    }

    /** Plain (non-secret) environment variables of the session's interpreter. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Resolved secret values by environment variable name; injected and redacted from every run's output. */
    public Map<String, String> secrets() {
        return secrets;
    }

    /** How long the session may go without a call before the sandbox may end it. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionOptions s
                && language == s.language
                && limits.equals(s.limits)
                && network.equals(s.network)
                && environment.equals(s.environment)
                && secrets.equals(s.secrets)
                && idleTimeout.equals(s.idleTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(language, limits, network, environment, secrets, idleTimeout);
    }

    @Override
    public String toString() {
        return "SessionOptions[" + language + ", " + limits + ", " + network + ", env=" + environment.keySet()
                + ", secrets=" + secrets.keySet() + ", idle=" + idleTimeout + "]";
    }

    /** Builder for {@link SessionOptions}; not thread-safe. {@link #language} is required. */
    public static final class Builder {
        private Language language;
        private ExecutionLimits limits = ExecutionLimits.defaults();
        private NetworkPolicy network = NetworkPolicy.none();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, String> secrets = new LinkedHashMap<>();
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

        private Builder() {}

        public Builder language(Language language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        public Builder limits(ExecutionLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        public Builder limits(Consumer<ExecutionLimits.Builder> change) {
            ExecutionLimits.Builder b = limits.toBuilder();
            change.accept(b);
            this.limits = b.build();
            return this;
        }

        public Builder network(NetworkPolicy network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        public Builder environment(String name, String value) {
            environment.put(EnvironmentNames.check(name), Objects.requireNonNull(value, "value of " + name));
            return this;
        }

        /** Adds a resolved secret, exposed to the interpreter as environment variable {@code name}. */
        public Builder secret(String name, String value) {
            secrets.put(EnvironmentNames.check(name), Objects.requireNonNull(value, "secret value"));
            return this;
        }

        /** Default 15 minutes; must be positive. */
        public Builder idleTimeout(Duration idleTimeout) {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new ConfigurationException("idleTimeout must be positive, was " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** @throws ConfigurationException when the language is missing or a name is both environment and secret */
        public SessionOptions build() {
            if (language == null) {
                throw new ConfigurationException("SessionOptions.language must be set (for example "
                        + "SessionOptions.builder().language(Language.PYTHON))");
            }
            EnvironmentNames.checkDisjoint(environment, secrets);
            return new SessionOptions(this);
        }
    }
}
