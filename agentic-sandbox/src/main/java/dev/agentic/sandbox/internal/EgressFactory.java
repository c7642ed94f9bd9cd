package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.secret.Redactor;

/** Opens the network side of a run for its policy. Thread-safe. */
public interface EgressFactory {

    /**
     * The session for {@code policy}; {@link EgressSession#none()} when the policy allows nothing.
     *
     * @throws dev.agentic.core.sandbox.SandboxException when the proxy cannot start
     */
    EgressSession open(NetworkPolicy policy, RunDirectory dir, Redactor redactor);

    /**
     * A session with everything the sandbox mounts (the socket's directory, the forwarder script, the proxy
     * variables) but no proxy yet: for a sandbox set up before its request, whose policy is known only
     * when the request comes; {@link EgressSession#start} starts the proxy then.
     */
    EgressSession prepare(RunDirectory dir);
}
