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
        Path socketDir = dir.path().resolve("egress");
        Path socket = socketDir.resolve("proxy.sock");
        EgressProxy proxy = EgressProxy.start(socket, policy, options.withRedactor(redactor));
        try {
            Path forwarder = dir.path().resolve("forwarder.py");
            Files.write(forwarder, EgressForwarder.script());
            Files.setPosixFilePermissions(forwarder, PosixFilePermissions.fromString("r--r--r--"));
            if (ownerUid >= 0) {
                RunDirectory.chown(socketDir, ownerUid);
                RunDirectory.chown(socket, ownerUid);
                RunDirectory.chown(forwarder, ownerUid);
            }
            return new Session(proxy, socket, forwarder);
        } catch (IOException | RuntimeException e) {
            proxy.close();
            throw new SandboxException("Cannot prepare the egress proxy for this run: " + e.getMessage(), e);
        }
    }

    private record Session(EgressProxy proxy, Path socket, Path forwarder) implements EgressSession {
        @Override
        public boolean active() {
            return true;
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
            return List.of("HTTP_PROXY", PROXY_URL, "HTTPS_PROXY", PROXY_URL, "http_proxy", PROXY_URL,
                    "https_proxy", PROXY_URL);
        }

        @Override
        public List<NetworkDecision> decisions() {
            return proxy.decisions();
        }

        @Override
        public void close() {
            proxy.close();
        }
    }
}
