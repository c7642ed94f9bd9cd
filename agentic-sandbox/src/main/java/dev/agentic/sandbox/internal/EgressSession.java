package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.secret.Redactor;
import java.nio.file.Path;
import java.util.List;

/**
 * The network side of one run: nothing at all ({@link #none()}, an empty network namespace), or an egress
 * proxy on a per-run Unix socket plus the forwarder script, both bind-mounted in. The run closes it after
 * the process tree is dead. Not thread-safe.
 */
public interface EgressSession extends AutoCloseable {

    /** No network: no socket, no forwarder, no proxy variables. */
    static EgressSession none() {
        return NoEgress.INSTANCE;
    }

    /** Whether a proxy serves this run. */
    boolean active();

    /** Host path of the proxy socket, or null. */
    Path socket();

    /** Host path of the forwarder script, or null. */
    Path forwarder();

    /** Path of the socket inside the sandbox. */
    String socketInside();

    /** Path of the forwarder script inside the sandbox. */
    String forwarderInside();

    /** Proxy variables as name, value, name, value… */
    List<String> environment();

    /** Every decision the proxy made so far. */
    List<NetworkDecision> decisions();

    /**
     * Starts the proxy of a session {@linkplain EgressFactory#prepare prepared} without one, on the
     * prepared socket; once. Sessions opened for a policy are started already.
     *
     * @throws IllegalStateException when the proxy was started before or the session has no network
     * @throws dev.agentic.core.sandbox.SandboxException when the proxy cannot start
     */
    void start(NetworkPolicy policy, Redactor redactor);

    @Override
    void close();

    /** The session of a run without network. */
    final class NoEgress implements EgressSession {
        static final NoEgress INSTANCE = new NoEgress();

        @Override
        public boolean active() {
            return false;
        }

        @Override
        public Path socket() {
            return null;
        }

        @Override
        public Path forwarder() {
            return null;
        }

        @Override
        public String socketInside() {
            return null;
        }

        @Override
        public String forwarderInside() {
            return null;
        }

        @Override
        public List<String> environment() {
            return List.of();
        }

        @Override
        public List<NetworkDecision> decisions() {
            return List.of();
        }

        @Override
        public void start(NetworkPolicy policy, Redactor redactor) {
            throw new IllegalStateException("a run without network has no proxy to start");
        }

        @Override
        public void close() {}
    }
}
