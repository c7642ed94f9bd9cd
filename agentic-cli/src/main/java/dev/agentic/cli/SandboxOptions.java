package dev.agentic.cli;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.Language;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.sandbox.UnsupportedCapabilityException;
import dev.agentic.core.spi.ProviderContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --allow-host}, {@code --python-env} and {@code --node}, shared by {@code exec}, {@code run},
 * {@code repl} and {@code serve} through {@link CodeOptions}. Each command keeps its own help text for them, in
 * its resource bundle ({@code <Command>.properties} beside the class, keys {@code allow-host}, {@code python-env}
 * and {@code node}). Not thread-safe (filled by picocli, read by one command).
 */
final class SandboxOptions {
    @Option(names = "--allow-host", paramLabel = "HOST[:PORT]", descriptionKey = "allow-host")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--python-env", paramLabel = "DIR", descriptionKey = "python-env")
    Path pythonEnv;

    @Option(names = "--node", paramLabel = "PATH", descriptionKey = "node")
    Path node;

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

    /**
     * {@code context} with the Python environment and the Node.js executable, when they were given.
     *
     * @throws ConfigurationException when {@code --node} names no executable file
     */
    ProviderContext withLocalRuntimes(ProviderContext context) {
        ProviderContext.Builder b = context.toBuilder();
        if (pythonEnv != null) {
            b.pythonEnvironment(pythonEnv);
        }
        if (node != null) {
            b.nodeExecutable(checkedNode(node));
        }
        return b.build();
    }

    /**
     * What to add to the message of {@code e} when {@code --node} can help: the sandbox refused JavaScript or
     * TypeScript (no Node.js found, or one too old to strip types). Empty otherwise.
     */
    static String nodeHint(SandboxException e) {
        Language language = e instanceof UnsupportedCapabilityException u
                ? u.unsupportedLanguage().orElse(null)
                : null;
        if (language == Language.TYPESCRIPT) {
            return " For the local sandbox, --node PATH picks a Node.js that runs TypeScript (22.6 or later).";
        }
        if (language == Language.JAVASCRIPT) {
            return " For the local sandbox, --node PATH picks the Node.js that runs JavaScript.";
        }
        return "";
    }

    /** The same checks as the local sandbox's (which would throw later, once it starts), said for the CLI. */
    private static Path checkedNode(Path node) {
        String problem;
        if (!Files.exists(node)) {
            problem = "does not exist";
        } else if (!Files.isRegularFile(node)) {
            problem = "is not a file";
        } else if (!Files.isExecutable(node)) {
            problem = "is not executable";
        } else {
            return node;
        }
        throw new ConfigurationException("--node " + CliValues.displayable(node.toString()) + " " + problem
                + "; point --node at a Node.js executable, such as /opt/node/bin/node, or leave it out to use the "
                + "node on PATH.");
    }
}
