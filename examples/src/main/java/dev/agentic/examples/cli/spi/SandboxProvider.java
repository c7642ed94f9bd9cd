package dev.agentic.examples.cli.spi;

import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.Sandbox;
import java.util.List;

/**
 * Turns a {@code --sandbox SCHEME[:ARGUMENT]} option into a {@link Sandbox}. Found with
 * {@link java.util.ServiceLoader} like {@link ModelProvider}, so {@code agentcore[:ID]} plugs in later without
 * changing the CLI's flags. Implementations are stateless and thread-safe; the caller closes the sandbox.
 */
public interface SandboxProvider {

    /** The scheme before the colon: {@code local}. */
    String scheme();

    /** One line for help and errors. */
    String usage();

    /**
     * Creates the sandbox.
     *
     * @param argument the text after the colon, or empty
     * @param loopbackHosts loopback destinations the run may reach (local development only; empty normally)
     * @throws dev.agentic.core.sandbox.SandboxException when it cannot start, saying how to fix that
     */
    Sandbox create(String argument, List<HostPort> loopbackHosts);
}
