package dev.agentic.core.sandbox;

import dev.agentic.core.annotation.Stable;
import java.time.Instant;
import java.util.Objects;

/**
 * One decision of a sandbox's egress proxy: which destination a program asked for and why it was allowed
 * or refused.
 *
 * @param time when the decision was made
 * @param host the host as the program asked for it
 * @param port the port asked for
 * @param allowed whether the connection was made
 * @param reason short explanation, e.g. {@code allowlisted}, {@code host not in allowlist},
 *     {@code resolves to a private address}
 */
@Stable
public record NetworkDecision(Instant time, String host, int port, boolean allowed, String reason) {
    public NetworkDecision {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(reason, "reason");
    }
}
