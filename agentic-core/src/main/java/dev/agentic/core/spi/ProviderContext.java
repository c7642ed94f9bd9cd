package dev.agentic.core.spi;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.sandbox.HostPort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Host settings a provider may need besides its spec. Today: the loopback {@code host:port} pairs that runs
 * may reach, which the {@code agentic} command allows only for destinations the user listed (local
 * development). {@link #defaults()} has none of them. Immutable and thread-safe.
 *
 * <pre>{@code
 * ProviderContext context = ProviderContext.builder()
 *         .loopbackHost(HostPort.of("127.0.0.1", 8123))
 *         .build();
 * Sandbox sandbox = ProviderLookup.sandboxes().create("local", context);
 * }</pre>
 */
@Experimental
public final class ProviderContext {
    private static final ProviderContext DEFAULTS = builder().build();

    private final List<HostPort> loopbackHosts;

    private ProviderContext(Builder b) {
        this.loopbackHosts = List.copyOf(b.loopbackHosts);
    }

    /** A context with every setting at its default: no loopback destinations. */
    public static ProviderContext defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().loopbackHosts(loopbackHosts);
    }

    /**
     * Loopback destinations (each with an explicit port) that runs may reach; for local development only.
     * Empty by default. Sandbox providers that cannot honour them should refuse rather than ignore them.
     */
    public List<HostPort> loopbackHosts() {
        return loopbackHosts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderContext other && loopbackHosts.equals(other.loopbackHosts);
    }

    @Override
    public int hashCode() {
        return loopbackHosts.hashCode();
    }

    @Override
    public String toString() {
        return "ProviderContext[loopbackHosts=" + loopbackHosts + "]";
    }

    /** Builds a {@link ProviderContext}. Not thread-safe. */
    public static final class Builder {
        private final List<HostPort> loopbackHosts = new ArrayList<>();

        private Builder() {}

        /** Adds a loopback destination; it needs an explicit port. */
        public Builder loopbackHost(HostPort hostPort) {
            loopbackHosts.add(Objects.requireNonNull(hostPort, "hostPort"));
            return this;
        }

        /** Adds loopback destinations; each needs an explicit port. */
        public Builder loopbackHosts(Collection<HostPort> hostPorts) {
            Objects.requireNonNull(hostPorts, "hostPorts");
            hostPorts.forEach(this::loopbackHost);
            return this;
        }

        /** @throws ConfigurationException when a loopback destination has no port */
        public ProviderContext build() {
            for (HostPort hp : loopbackHosts) {
                if (hp.port() == 0) {
                    throw new ConfigurationException("ProviderContext.loopbackHosts: '" + hp + "' needs an explicit "
                            + "port, for example " + hp.host() + ":8123");
                }
            }
            return new ProviderContext(this);
        }
    }
}
