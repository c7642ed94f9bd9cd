package dev.agentic.sandbox.internal.egress;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed proxy request head: either {@code CONNECT host:port} (a tunnel) or a plain HTTP request with an
 * absolute {@code http://} URI (forwarded once, in origin form, with {@code Connection: close}). A plain HTTP
 * request is admitted only as one request to the destination its URI names: a {@code Host} header naming any
 * other host or port (or given twice) is refused, and its body is forwarded by {@code Content-Length} only
 * (chunked bodies are refused), so that nothing after it (a pipelined second request) reaches upstream.
 * Immutable.
 *
 * @param connect true for CONNECT, false for a forwarded plain HTTP request
 * @param host the host exactly as the client wrote it (brackets included)
 * @param port the port asked for (80 when an absolute URI names none)
 * @param forwardHead for plain HTTP, the head to send upstream; empty for CONNECT
 * @param bodyLength for plain HTTP, the bytes of body that follow the head (0 without a body); -1 for CONNECT
 */
record ProxyRequest(boolean connect, String host, int port, byte[] forwardHead, long bodyLength) {
    /** Hop-by-hop headers that are never forwarded upstream. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "proxy-connection",
            "keep-alive",
            "proxy-authorization",
            "proxy-authenticate",
            "te",
            "trailer",
            "upgrade");

    /** A request the proxy will not serve; {@code status} is 400 or 405. */
    static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Parses a complete head (request line and headers, without the final empty line), read as ISO-8859-1. */
    static ProxyRequest parse(String head) throws BadRequest {
        String[] lines = head.split("\r?\n", -1);
        String[] parts = lines[0].split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || !parts[2].matches("HTTP/1\\.[01]")) {
            throw new BadRequest(400, "malformed request line");
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].indexOf(':') <= 0 || lines[i].startsWith(" ") || lines[i].startsWith("\t")) {
                throw new BadRequest(400, "malformed header line");
            }
        }
        String method = parts[0];
        String target = parts[1];
        if (method.equals("CONNECT")) {
            int[] port = new int[1];
            String host = splitAuthority(target, -1, port);
            return new ProxyRequest(true, host, port[0], new byte[0], -1);
        }
        if (target.regionMatches(true, 0, "http://", 0, 7)) {
            return absolute(method, target.substring(7), parts[2], lines);
        }
        if (target.startsWith("/") || target.equals("*")) {
            throw new BadRequest(405, "not a proxy request: use CONNECT or an absolute http:// URI");
        }
        throw new BadRequest(400, "unsupported request target: use CONNECT or an absolute http:// URI");
    }

    private static ProxyRequest absolute(String method, String rest, String version, String[] lines) throws BadRequest {
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        if (authority.indexOf('@') >= 0) {
            throw new BadRequest(400, "user info in the URI is not allowed");
        }
        String path = rest.substring(end);
        int hash = path.indexOf('#');
        if (hash >= 0) {
            path = path.substring(0, hash);
        }
        if (path.isEmpty() || path.startsWith("?")) {
            path = "/" + path;
        }
        int[] port = new int[1];
        String host = splitAuthority(authority, 80, port);
        StringBuilder out = new StringBuilder(method)
                .append(' ')
                .append(path)
                .append(' ')
                .append(version)
                .append("\r\n");
        boolean hasHost = false;
        long bodyLength = 0;
        boolean hasLength = false;
        for (int i = 1; i < lines.length; i++) {
            String name = lines[i].substring(0, lines[i].indexOf(':')).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(lines[i].indexOf(':') + 1).trim();
            if (name.equals("transfer-encoding")) {
                throw new BadRequest(
                        400,
                        "a plain HTTP request body must have a Content-Length (no Transfer-Encoding); "
                                + "or use HTTPS");
            }
            if (name.equals("content-length")) {
                if (hasLength
                        || value.isEmpty()
                        || value.length() > 18
                        || !value.chars().allMatch(Character::isDigit)) {
                    throw new BadRequest(400, "invalid or repeated Content-Length");
                }
                hasLength = true;
                bodyLength = Long.parseLong(value);
            }
            if (HOP_BY_HOP.contains(name)) {
                continue;
            }
            if (name.equals("host")) {
                if (hasHost) {
                    throw new BadRequest(400, "more than one Host header");
                }
                if (!sameAuthority(value, host, port[0])) {
                    throw new BadRequest(400, "the Host header names another destination than the request URI");
                }
                hasHost = true;
            }
            out.append(lines[i]).append("\r\n");
        }
        if (!hasHost) {
            out.append("Host: ").append(authority).append("\r\n");
        }
        out.append("Connection: close\r\n\r\n");
        return new ProxyRequest(false, host, port[0], out.toString().getBytes(StandardCharsets.ISO_8859_1), bodyLength);
    }

    /** Whether a Host header value names {@code host} and {@code port} (a missing port meaning 80). */
    private static boolean sameAuthority(String value, String host, int port) {
        int[] p = new int[1];
        try {
            String h = splitAuthority(value, 80, p);
            return h.equalsIgnoreCase(host) && p[0] == port;
        } catch (BadRequest e) {
            return false;
        }
    }

    /** Splits {@code host:port} or {@code [v6]:port}; a missing port is an error unless {@code defaultPort > 0}. */
    private static String splitAuthority(String authority, int defaultPort, int[] port) throws BadRequest {
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new BadRequest(400, "unclosed '[' in the host");
            }
            host = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new BadRequest(400, "malformed authority");
            }
            portText = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty() || host.equals("[]")) {
            throw new BadRequest(400, "missing host");
        }
        if (portText == null || portText.isEmpty()) {
            if (defaultPort < 0) {
                throw new BadRequest(400, "CONNECT needs host:port");
            }
            port[0] = defaultPort;
        } else {
            port[0] = parsePort(portText);
        }
        return host;
    }

    private static int parsePort(String text) throws BadRequest {
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadRequest(400, "invalid port");
        }
        int p = Integer.parseInt(text);
        if (p < 1 || p > 65535) {
            throw new BadRequest(400, "invalid port");
        }
        return p;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
