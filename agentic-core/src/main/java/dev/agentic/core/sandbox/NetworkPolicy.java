package dev.agentic.core.sandbox;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which network destinations a program may reach. Immutable and thread-safe.
 *
 * <p>{@link #none()} (the default) means no network at all. {@link #allow} lists host names a program may
 * connect to through the sandbox's egress proxy; a host listed without a port may be reached on the
 * {@linkplain #defaultPorts() default ports} (443 and 80). Hosts match exactly: {@code api.stripe.com} does
 * not allow {@code evil.api.stripe.com}. Per-run caps bound connections, bytes and connection time.
 */
@Stable
public final class NetworkPolicy {
    private static final NetworkPolicy NONE = builder().build();

    private final List<HostPort> allowedHosts;
    private final Set<Integer> defaultPorts;
    private final int maxConnections;
    private final long maxBytes;
    private final Duration maxConnectionTime;

    private NetworkPolicy(Builder b) {
        this.allowedHosts = List.copyOf(b.allowedHosts);
        this.defaultPorts = Set.copyOf(b.defaultPorts);
        this.maxConnections = b.maxConnections;
        this.maxBytes = b.maxBytes;
        this.maxConnectionTime = b.maxConnectionTime;
    }

    /** No network access at all. */
    public static NetworkPolicy none() {
        return NONE;
    }

    /** Access to exactly these hosts ({@code host} or {@code host:port}), with default caps. */
    public static NetworkPolicy allow(String... hosts) {
        Builder b = builder();
        for (String h : hosts) {
            b.allowHost(h);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.allowedHosts.addAll(allowedHosts);
        b.defaultPorts.clear();
        b.defaultPorts.addAll(defaultPorts);
        b.maxConnections = maxConnections;
        b.maxBytes = maxBytes;
        b.maxConnectionTime = maxConnectionTime;
        return b;
    }

    /** True when no host is allowed. */
    public boolean isNone() {
        return allowedHosts.isEmpty();
    }

    public List<HostPort> allowedHosts() {
        return allowedHosts;
    }

    /** Ports a host listed without a port may be reached on. */
    public Set<Integer> defaultPorts() {
        return defaultPorts;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Duration maxConnectionTime() {
        return maxConnectionTime;
    }

    /** Whether {@code host} (any case, trailing dot allowed) is on the allowlist for some port. */
    public boolean allowsHost(String host) {
        String h = HostPort.normalizeHost(host);
        return allowedHosts.stream().anyMatch(a -> a.host().equals(h));
    }

    /** Whether a connection to {@code host:port} is allowed by name (no DNS is involved). */
    public boolean allows(String host, int port) {
        String h = HostPort.normalizeHost(host);
        for (HostPort a : allowedHosts) {
            if (a.host().equals(h) && (a.port() == 0 ? defaultPorts.contains(port) : a.port() == port)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkPolicy p
                && allowedHosts.equals(p.allowedHosts)
                && defaultPorts.equals(p.defaultPorts)
                && maxConnections == p.maxConnections
                && maxBytes == p.maxBytes
                && maxConnectionTime.equals(p.maxConnectionTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowedHosts, defaultPorts, maxConnections, maxBytes, maxConnectionTime);
    }

    @Override
    public String toString() {
        return isNone() ? "NetworkPolicy[none]" : "NetworkPolicy" + allowedHosts;
    }

    /** Builder for {@link NetworkPolicy}; not thread-safe. */
    public static final class Builder {
        private final List<HostPort> allowedHosts = new ArrayList<>();
        private final Set<Integer> defaultPorts = new TreeSet<>(List.of(80, 443));
        private int maxConnections = 32;
        private long maxBytes = 64L * 1024 * 1024;
        private Duration maxConnectionTime = Duration.ofSeconds(60);

        private Builder() {}

        /** Allows {@code host} or {@code host:port}; see {@link HostPort#parse}. */
        public Builder allowHost(String host) {
            return allowHost(HostPort.parse(host));
        }

        public Builder allowHost(HostPort host) {
            Objects.requireNonNull(host, "host");
            if (!allowedHosts.contains(host)) {
                allowedHosts.add(host);
            }
            return this;
        }

        public Builder allowHosts(Collection<HostPort> hosts) {
            hosts.forEach(this::allowHost);
            return this;
        }

        /** Replaces the ports allowed for hosts listed without a port (default 443 and 80). */
        public Builder defaultPorts(Collection<Integer> ports) {
            defaultPorts.clear();
            for (int p : ports) {
                if (p < 1 || p > 65535) {
                    throw new ConfigurationException("defaultPorts: " + p + " is not a port");
                }
                defaultPorts.add(p);
            }
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new ConfigurationException("maxConnections must be at least 1");
            }
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder maxBytes(long maxBytes) {
            if (maxBytes < 1) {
                throw new ConfigurationException("maxBytes must be positive");
            }
            this.maxBytes = maxBytes;
            return this;
        }

        public Builder maxConnectionTime(Duration maxConnectionTime) {
            if (maxConnectionTime == null || maxConnectionTime.isNegative() || maxConnectionTime.isZero()) {
                throw new ConfigurationException("maxConnectionTime must be positive");
            }
            this.maxConnectionTime = maxConnectionTime;
            return this;
        }

        public NetworkPolicy build() {
            return new NetworkPolicy(this);
        }
    }
}
