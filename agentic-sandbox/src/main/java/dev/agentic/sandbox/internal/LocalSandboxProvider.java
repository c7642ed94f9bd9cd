package dev.agentic.sandbox.internal;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.core.spi.ProviderContext;
import dev.agentic.core.spi.ProviderSpecs;
import dev.agentic.core.spi.SandboxProvider;
import dev.agentic.sandbox.LocalSandbox;

/**
 * {@code local}: the bubblewrap-isolated {@link LocalSandbox} on this machine, allowed to reach the context's
 * loopback destinations, with the context's Python environment and Node.js executable when it names them. Registered in {@code META-INF/services}. Stateless; the caller closes the sandbox.
 */
public final class LocalSandboxProvider implements SandboxProvider {
    private static final String SCHEME = "local";

    @Override
    public String usage() {
        return "local  the restricted local sandbox (bubblewrap; Linux)";
    }

    @Override
    public boolean accepts(String spec) {
        return ProviderSpecs.hasScheme(spec, SCHEME);
    }

    @Override
    public Sandbox create(String spec, ProviderContext context) {
        if (!ProviderSpecs.argument(spec, SCHEME).isEmpty()) {
            throw new ConfigurationException("--sandbox local takes no argument, got '" + spec + "'.");
        }
        if (!context.setupCommands().isEmpty()) {
            throw new ConfigurationException("--sandbox local runs no set-up commands (each run is a fresh sandbox); "
                    + "remove --setup, or use a sandbox with sessions that runs them, such as --sandbox agentcore.");
        }
        LocalSandbox.Builder b = LocalSandbox.builder().allowLoopbackHosts(context.loopbackHosts());
        context.pythonEnvironment().ifPresent(b::pythonEnvironment);
        context.nodeExecutable().ifPresent(b::nodeExecutable);
        return b.build();
    }
}
