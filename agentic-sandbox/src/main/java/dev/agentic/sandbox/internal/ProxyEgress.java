package dev.agentic.sandbox.internal;

import dev.agentic.core.sandbox.NetworkDecision;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.sandbox.SandboxException;
import dev.agentic.core.secret.Redactor;
import dev.agentic.sandbox.internal.egress.EgressForwarder;
import dev.agentic.sandbox.internal.egress.EgressOptions;
import dev.agentic.sandbox.internal.egress.EgressProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Opens an {@link EgressProxy} per run whose policy allows hosts: the socket in a private directory inside
 * the run directory, the forwarder script next to it, both handed to the sandbox owner when the JVM runs
 * as root. Thread-safe.
 */
public final class ProxyEgress implements EgressFactory {
    /** Where the forwarder script is mounted inside the sandbox. */
    public static final String FORWARDER_IN_SANDBOX = "/run/forwarder.py";

    private static final String PROXY_URL = "http://127.0.0.1:" + EgressForwarder.PORT;

    private final EgressOptions options;
    private final int ownerUid;

    public ProxyEgress(EgressOptions options, int ownerUid) {
        this.options = options;
        this.ownerUid = ownerUid;
    }

    @Override
    public EgressSession open(NetworkPolicy policy, RunDirectory dir, Redactor redactor) {
        if (policy.isNone()) {
            return EgressSession.none();
        }
        EgressSession session = prepare(dir);
        session.start(policy, redactor);
        return session;
    }

    @Override
    public EgressSession prepare(RunDirectory dir) {
        try {
            Path socketDir = Files.createDirectory(
                    dir.path().resolve("egress"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path forwarder = dir.path().resolve("forwarder.py");
            Files.write(forwarder, EgressForwarder.script());
            Files.setPosixFilePermissions(forwarder, PosixFilePermissions.fromString("r--r--r--"));
            int owner = ownerUid >= 0 ? dir.ownerUid() : -1;
            if (owner >= 0) {
                RunDirectory.chown(socketDir, owner);
                RunDirectory.chown(forwarder, owner);
            }
            return new Session(socketDir.resolve("proxy.sock"), forwarder, owner);
        } catch (IOException e) {
            throw new SandboxException("Cannot prepare the egress proxy for this run: " + e.getMessage(), e);
        }
    }

    /** A run's egress: the socket path and forwarder are fixed at creation, the proxy starts once. */
    private final class Session implements EgressSession {
        private final Path socket;
        private final Path forwarder;
        private final int owner;
        private EgressProxy proxy;

        Session(Path socket, Path forwarder, int owner) {
            this.socket = socket;
            this.forwarder = forwarder;
            this.owner = owner;
        }

        @Override
        public synchronized void start(NetworkPolicy policy, Redactor redactor) {
            if (proxy != null) {
                throw new IllegalStateException("the egress proxy of this run is running already");
            }
            EgressProxy started = EgressProxy.start(socket, policy, options.withRedactor(redactor));
            try {
                if (owner >= 0) {
                    RunDirectory.chown(socket, owner);
                }
            } catch (IOException | RuntimeException e) {
                started.close();
                throw new SandboxException("Cannot hand the egress socket to the sandbox uid: " + e.getMessage(), e);
            }
            proxy = started;
        }

        @Override
        public boolean active() {
            return true;
        }

        @Override
        public Path socket() {
            return socket;
        }

        @Override
        public Path forwarder() {
            return forwarder;
        }

        @Override
        public String socketInside() {
            return EgressForwarder.SOCKET_IN_SANDBOX;
        }

        @Override
        public String forwarderInside() {
            return FORWARDER_IN_SANDBOX;
        }

        @Override
        public List<String> environment() {
            return List.of(
                    "HTTP_PROXY",
                    PROXY_URL,
                    "HTTPS_PROXY",
                    PROXY_URL,
                    "http_proxy",
                    PROXY_URL,
                    "https_proxy",
                    PROXY_URL);
        }

        @Override
        public synchronized List<NetworkDecision> decisions() {
            return proxy == null ? List.of() : proxy.decisions();
        }

        @Override
        public synchronized void close() {
            if (proxy != null) {
                proxy.close();
            }
        }
    }
}
