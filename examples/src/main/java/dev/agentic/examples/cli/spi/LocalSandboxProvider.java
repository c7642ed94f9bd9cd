package dev.agentic.examples.cli.spi;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.Sandbox;
import dev.agentic.sandbox.LocalSandbox;
import java.util.List;

/** {@code local}: the bubblewrap-isolated {@link LocalSandbox} on this machine. */
public final class LocalSandboxProvider implements SandboxProvider {
    @Override
    public String scheme() {
        return "local";
    }

    @Override
    public String usage() {
        return "local  the restricted local sandbox (bubblewrap; Linux)";
    }

    @Override
    public Sandbox create(String argument, List<HostPort> loopbackHosts) {
        if (!argument.isEmpty()) {
            throw new ConfigurationException("--sandbox local takes no argument, got 'local:" + argument + "'.");
        }
        return LocalSandbox.builder().allowLoopbackHosts(loopbackHosts).build();
    }
}
