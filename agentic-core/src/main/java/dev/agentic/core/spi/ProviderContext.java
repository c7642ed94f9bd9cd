package dev.agentic.core.spi;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.sandbox.HostPort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host settings a provider may need besides its spec: the loopback {@code host:port} pairs that runs may
 * reach, which the {@code agentic} command allows only for destinations the user listed (local development),
 * the cloud region a provider uses when its spec and the environment name none ({@code agentic run
 * --region}), the set-up commands a sandbox runs in each of its sessions ({@code agentic run --setup}), and the host's Python
 * environment and Node.js executable a local sandbox runs programs with ({@code --python-env}, {@code --node}).
 * {@link #defaults()} has none of them. Immutable and thread-safe.
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
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9]+(-[A-Za-z0-9]+)*");

    private final List<HostPort> loopbackHosts;
    private final String region;
    private final Path pythonEnvironment;
    private final Path nodeExecutable;
    private final List<String> setupCommands;

    private ProviderContext(Builder b) {
        this.loopbackHosts = List.copyOf(b.loopbackHosts);
        this.region = b.region;
        this.pythonEnvironment = b.pythonEnvironment;
        this.nodeExecutable = b.nodeExecutable;
        this.setupCommands = List.copyOf(b.setupCommands);
    }

    /** A context with every setting at its default: no loopback destinations, no region. */
    public static ProviderContext defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().loopbackHosts(loopbackHosts);
        b.region = region;
        b.pythonEnvironment = pythonEnvironment;
        b.nodeExecutable = nodeExecutable;
        b.setupCommands.addAll(setupCommands);
        return b;
    }

    /**
     * Loopback destinations (each with an explicit port) that runs may reach; for local development only.
     * Empty by default. Sandbox providers that cannot honour them should refuse rather than ignore them.
     */
    public List<HostPort> loopbackHosts() {
        return loopbackHosts;
    }

    /**
     * The cloud region a provider uses when its spec and the environment name none, e.g. {@code us-west-2};
     * a provider that reads a region from the environment lets this one take precedence. Empty by default.
     */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /**
     * A Python virtual environment on the host whose packages programs may import (a sandbox provider that runs
     * Python locally mounts it read-only; one that cannot should refuse rather than ignore it). Empty by default.
     */
    public Optional<Path> pythonEnvironment() {
        return Optional.ofNullable(pythonEnvironment);
    }

    /**
     * The Node.js executable on the host that JavaScript and TypeScript programs run with (a sandbox provider that
     * runs them locally uses it instead of the {@code node} on PATH; one that cannot should refuse rather than
     * ignore it). Empty by default.
     */
    public Optional<Path> nodeExecutable() {
        return Optional.ofNullable(nodeExecutable);
    }

    /**
     * Shell commands a sandbox runs once in each of its sessions before any program, such as
     * {@code pip install stripe==11.1.1} ({@code agentic run --setup}). Empty by default. Sandbox providers
     * that cannot run them refuse rather than ignore them.
     */
    public List<String> setupCommands() {
        return setupCommands;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderContext other
                && loopbackHosts.equals(other.loopbackHosts)
                && Objects.equals(region, other.region)
                && Objects.equals(pythonEnvironment, other.pythonEnvironment)
                && Objects.equals(nodeExecutable, other.nodeExecutable)
                && setupCommands.equals(other.setupCommands);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loopbackHosts, region, pythonEnvironment, nodeExecutable, setupCommands);
    }

    @Override
    public String toString() {
        return "ProviderContext[loopbackHosts=" + loopbackHosts + ", region=" + region
                + (pythonEnvironment == null ? "" : ", pythonEnvironment=" + pythonEnvironment)
                + (nodeExecutable == null ? "" : ", nodeExecutable=" + nodeExecutable)
                + (setupCommands.isEmpty() ? "" : ", setupCommands=" + setupCommands) + "]";
    }

    /** Builds a {@link ProviderContext}. Not thread-safe. */
    public static final class Builder {
        private final List<HostPort> loopbackHosts = new ArrayList<>();
        private String region;
        private Path pythonEnvironment;
        private Path nodeExecutable;
        private final List<String> setupCommands = new ArrayList<>();

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

        /**
         * The cloud region a provider uses when its spec and the environment name none, e.g. {@code us-west-2}:
         * letters and digits, in parts joined by single hyphens.
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** A Python virtual environment on the host whose packages programs may import. */
        public Builder pythonEnvironment(Path directory) {
            this.pythonEnvironment = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The Node.js executable on the host that JavaScript and TypeScript programs run with. */
        public Builder nodeExecutable(Path node) {
            this.nodeExecutable = Objects.requireNonNull(node, "node");
            return this;
        }

        /** Adds a set-up command (see {@link ProviderContext#setupCommands()}); must not be blank. */
        public Builder setupCommand(String command) {
            if (command == null || command.isBlank()) {
                throw new ConfigurationException("ProviderContext.setupCommand must not be blank");
            }
            setupCommands.add(command);
            return this;
        }

        /**
         * @throws ConfigurationException when a loopback destination has no port, or the region is not letters
         *     and digits joined by hyphens
         */
        public ProviderContext build() {
            if (region != null && !REGION.matcher(region).matches()) {
                throw new ConfigurationException("ProviderContext.region: '" + region + "' is not a region name; "
                        + "write letters and digits joined by hyphens, for example us-west-2");
            }
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
