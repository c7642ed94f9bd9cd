package dev.agentic.sandbox.internal.egress;

import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkPolicy;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a requested {@code host:port} may be reached, in this order: name rules and allowlist
 * (no DNS), then one lookup, then every resolved address vetted. Thread-safe (immutable).
 */
final class DestinationCheck {
    static final String ALLOWED = "allowlisted";
    static final String ALLOWED_LOOPBACK = "allowlisted (loopback opt-in for development)";
    static final String NOT_LISTED = "host not in allowlist";
    static final String PORT_NOT_LISTED = "port not allowed";
    static final String NO_ADDRESS = "host did not resolve";

    /** The outcome; {@code addresses} are the vetted addresses to connect to (empty when refused). */
    record Verdict(boolean allowed, String reason, List<InetAddress> addresses) {
        static Verdict refuse(String reason) {
            return new Verdict(false, reason, List.of());
        }
    }

    private final NetworkPolicy policy;
    private final EgressOptions options;

    DestinationCheck(NetworkPolicy policy, EgressOptions options) {
        this.policy = policy;
        this.options = options;
    }

    Verdict check(String requestedHost, int port) {
        String host = HostRules.normalize(requestedHost);
        if (isLoopbackOptIn(host, port)) {
            return resolveAndVet(host, true);
        }
        Optional<String> refusal = HostRules.refuseName(host);
        if (refusal.isPresent()) {
            return Verdict.refuse(refusal.get());
        }
        try {
            if (!policy.allowsHost(host)) {
                return Verdict.refuse(NOT_LISTED);
            }
            if (!policy.allows(host, port)) {
                return Verdict.refuse(PORT_NOT_LISTED);
            }
        } catch (RuntimeException e) { // HostPort.normalizeHost rejects what IDN cannot convert
            return Verdict.refuse(HostRules.INVALID_NAME);
        }
        return resolveAndVet(host, false);
    }

    private boolean isLoopbackOptIn(String host, int port) {
        for (HostPort h : options.loopbackHosts()) {
            if (h.host().equals(host) && h.port() == port) {
                return policy.allows(host, port);
            }
        }
        return false;
    }

    private Verdict resolveAndVet(String host, boolean loopbackOk) {
        InetAddress[] resolved;
        try {
            resolved = options.resolver().resolve(host);
        } catch (Exception e) {
            return Verdict.refuse(NO_ADDRESS);
        }
        if (resolved == null || resolved.length == 0) {
            return Verdict.refuse(NO_ADDRESS);
        }
        for (InetAddress a : resolved) {
            HostRules.AddressKind kind = HostRules.classify(a);
            if (kind != HostRules.AddressKind.PUBLIC && !(loopbackOk && kind == HostRules.AddressKind.LOOPBACK)) {
                return Verdict.refuse(kind.reason());
            }
        }
        return new Verdict(true, loopbackOk ? ALLOWED_LOOPBACK : ALLOWED, List.of(resolved));
    }
}
