package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.secret.Redactor;

/** Opens the network side of a run for its policy. Thread-safe. */
@FunctionalInterface
public interface EgressFactory {

    /**
     * The session for {@code policy}; {@link EgressSession#none()} when the policy allows nothing.
     *
     * @throws dev.agentic.core.sandbox.SandboxException when the proxy cannot start
     */
    EgressSession open(NetworkPolicy policy, RunDirectory dir, Redactor redactor);
}
