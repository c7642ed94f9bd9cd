package dev.agentic.core.spi;

import dev.agentic.core.annotation.Experimental;
import dev.agentic.core.sandbox.Sandbox;

/**
 * Creates a {@link Sandbox} from a spec: {@code local} (in {@code agentic-sandbox}), later
 * {@code agentcore[:ID]}. Register implementations in
 * {@code META-INF/services/dev.agentic.core.spi.SandboxProvider}; find them with
 * {@link ProviderLookup#sandboxes()}. Stateless and thread-safe; the caller closes the sandbox.
 *
 * <p>{@link #create} may throw {@link dev.agentic.core.sandbox.SandboxException} when the sandbox cannot start
 * on this host, saying how to fix that. Host settings such as the loopback destinations a local-development
 * run may reach come in the {@link ProviderContext}.
 */
@Experimental
public interface SandboxProvider extends SpecProvider<Sandbox> {}
