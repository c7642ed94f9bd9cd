package dev.agentic.web.internal;

import dev.agentic.core.annotation.Internal;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Checks every request before it reaches a handler, the WebSocket upgrade included: the security headers, the
 * {@code Host} (against DNS rebinding, when bound to a loopback address), the access token (an {@code
 * Authorization: Bearer} header, or the HTTP-only cookie the page got from {@code /?token=…}), the {@code Origin}
 * (the server's own only; required for requests that carry the cookie and change state, and for the WebSocket)
 * and the size of the body. Stateless and thread-safe.
 */
@Internal
final class Guard {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final byte[] token;
    private final IntSupplier port;
    private final Set<String> hosts;
    private final long maxRequestBytes;

    /**
     * @param port the port the server listens on (known once it has started)
     * @param hosts the host names the {@code Host} header may carry, with the server's port (lower case); empty
     *     accepts any
     */
    Guard(String token, IntSupplier port, Set<String> hosts, long maxRequestBytes) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.port = port;
        this.hosts = Set.copyOf(hosts);
        this.maxRequestBytes = maxRequestBytes;
    }

    /** The cookie holding the token; named after the port, as cookies do not tell ports of one host apart. */
    String cookieName() {
        return "agentic_token_" + port.getAsInt();
    }

    private boolean hostAllowed(String host) {
        if (hosts.isEmpty()) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        return colon > 0
                && h.substring(colon + 1).equals(Integer.toString(port.getAsInt()))
                && hosts.contains(h.substring(0, colon));
    }

    /** Runs before every handler; throws {@link Refusal} (or redirects) when the request may not go on. */
    void check(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        String host = ctx.header("Host");
        if (host == null || !hostAllowed(host)) {
            throw new Refusal(403, "unexpected Host header; open the address agentic serve printed");
        }
        String queryToken = ctx.queryParam("token");
        if (queryToken != null && ctx.path().equals("/") && ctx.method().name().equals("GET")) {
            if (!matches(queryToken)) {
                throw new Refusal(401, "wrong access token; open the address agentic serve printed");
            }
            ctx.cookie(new Cookie(cookieName(), queryToken, "/", -1, false, true, null, SameSite.STRICT));
            ctx.redirect("/");
            ctx.skipRemainingHandlers();
            return;
        }
        boolean byCookie;
        String auth = ctx.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            if (!matches(auth.substring("Bearer ".length()).trim())) {
                throw new Refusal(401, "wrong access token");
            }
            byCookie = false;
        } else {
            String cookie = ctx.cookie(cookieName());
            if (cookie == null || !matches(cookie)) {
                throw new Refusal(
                        401,
                        "an access token is required: open the address with ?token= that agentic serve printed, or "
                                + "send Authorization: Bearer TOKEN");
            }
            byCookie = true;
        }
        boolean upgrade = "websocket".equalsIgnoreCase(ctx.header("Upgrade"));
        String origin = ctx.header("Origin");
        if (origin != null) {
            if (!origin.equalsIgnoreCase("http://" + host)) {
                throw new Refusal(
                        403,
                        "requests from origin " + origin + " are refused; only this server's own page "
                                + "may call it");
            }
        } else if (upgrade || (byCookie && !ctx.method().name().equals("GET"))) {
            throw new Refusal(403, "an Origin header is required");
        }
        long length = ctx.contentLength();
        if (length > maxRequestBytes) {
            throw new Refusal(
                    413, "the request body has " + length + " bytes; at most " + maxRequestBytes + " are accepted");
        }
    }

    private boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }
}
