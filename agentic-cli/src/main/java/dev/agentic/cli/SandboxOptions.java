package dev.agentic.cli;

import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.spi.ProviderContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --allow-host} and {@code --python-env}, shared by {@code exec}, {@code run}, {@code repl} and
 * {@code serve} as a picocli mixin. Each command keeps its own help text for them, in its resource bundle
 * ({@code <Command>.properties} beside the class, keys {@code allow-host} and {@code python-env}). Not
 * thread-safe (filled by picocli, read by one command).
 */
final class SandboxOptions {
    @Option(names = "--allow-host", paramLabel = "HOST[:PORT]", descriptionKey = "allow-host")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--python-env", paramLabel = "DIR", descriptionKey = "python-env")
    Path pythonEnv;

    /** The hosts, parsed. */
    List<HostPort> hosts() {
        return allowHosts.stream().map(h -> CliValues.host("--allow-host", h)).toList();
    }

    /** The loopback hosts among them, which the local sandbox must be told about. */
    List<HostPort> loopbackHosts() {
        return hosts().stream().filter(CliValues::isLoopback).toList();
    }

    /** The network policy allowing exactly these hosts. */
    NetworkPolicy network() {
        NetworkPolicy.Builder network = NetworkPolicy.builder();
        hosts().forEach(network::allowHost);
        return network.build();
    }

    /** {@code context} with the Python environment, when one was given. */
    ProviderContext withPythonEnvironment(ProviderContext context) {
        return pythonEnv == null
                ? context
                : context.toBuilder().pythonEnvironment(pythonEnv).build();
    }
}
