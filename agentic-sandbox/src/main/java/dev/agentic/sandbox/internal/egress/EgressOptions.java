package dev.agentic.sandbox.internal.egress;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.secret.Redactor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Internal knobs of an {@link EgressProxy} that are not part of the user-facing {@code NetworkPolicy}.
 * Immutable and thread-safe; build with {@link #builder()}.
 *
 * <p><b>Loopback opt-in, for local development and tests only.</b> {@link Builder#allowLoopbackHosts} names
 * exact {@code host:port} pairs (for example {@code 127.0.0.1:8123} or {@code localhost:8123}) that may be
 * reached even though they are IP literals, {@code localhost} or resolve to a loopback address. An entry
 * takes effect only when the {@code NetworkPolicy} also allows that exact host and port; every other
 * destination keeps the full rules, and even an opted-in name is refused if it resolves to a private,
 * link-local or other non-public address that is not loopback. Never enable this for untrusted production
 * use: it lets sandboxed code reach a service on the host.
 */
public final class EgressOptions {
    private static final EgressOptions DEFAULTS = builder().build();

    /** Resolves a host name to all its addresses; the default is {@link InetAddress#getAllByName}. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<HostPort> loopbackHosts;
    private final Resolver resolver;
    private final Duration connectTimeout;
    private final Redactor redactor;

    private EgressOptions(Builder b) {
        this.loopbackHosts = Set.copyOf(b.loopbackHosts);
        this.resolver = b.resolver;
        this.connectTimeout = b.connectTimeout;
        this.redactor = b.redactor;
    }

    /** No loopback opt-in, the system resolver, a 10 s connect timeout. */
    public static EgressOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The exact {@code host:port} pairs that may be loopback (development and tests only). */
    public Set<HostPort> loopbackHosts() {
        return loopbackHosts;
    }

    public Resolver resolver() {
        return resolver;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Masks secret values in the host names the proxy logs and records (a host can smuggle a secret). */
    public Redactor redactor() {
        return redactor;
    }

    /** A copy with {@code redactor} (one run's secrets). */
    public EgressOptions withRedactor(Redactor redactor) {
        Builder b = builder().resolver(resolver).connectTimeout(connectTimeout).redactor(redactor);
        b.loopbackHosts = loopbackHosts;
        return b.build();
    }

    /** Builder for {@link EgressOptions}; not thread-safe. */
    public static final class Builder {
        private Set<HostPort> loopbackHosts = Set.of();
        private Resolver resolver = InetAddress::getAllByName;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Redactor redactor = Redactor.none();

        private Builder() {}

        /**
         * Lets these exact {@code host:port} pairs be loopback; for local development and tests only. Each
         * entry needs an explicit port and must also be allowed by the policy to take effect.
         */
        public Builder allowLoopbackHosts(Set<HostPort> hosts) {
            Objects.requireNonNull(hosts, "hosts");
            for (HostPort h : hosts) {
                if (h.port() == 0) {
                    throw new ConfigurationException(
                            "allowLoopbackHosts: '" + h + "' needs an explicit port, " + "e.g. " + h + ":8123");
                }
            }
            this.loopbackHosts = Set.copyOf(hosts);
            return this;
        }

        /** Replaces the resolver (tests use this to count lookups or to simulate DNS rebinding). */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** How long connecting to the upstream address may take (default 10 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            if (connectTimeout.isNegative()
                    || connectTimeout.isZero()
                    || connectTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new ConfigurationException("connectTimeout must be positive and below 24 days");
            }
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Masks secret values in logged and recorded host names (default: nothing to mask). */
        public Builder redactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        public EgressOptions build() {
            return new EgressOptions(this);
        }
    }
}
