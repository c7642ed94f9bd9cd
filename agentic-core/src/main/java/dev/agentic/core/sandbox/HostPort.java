package dev.agentic.core.sandbox;

import dev.agentic.core.ConfigurationException;
import dev.agentic.core.annotation.Stable;
import java.net.IDN;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A host name with an optional port, as written in a network allowlist: {@code api.stripe.com} or
 * {@code 127.0.0.1:8080}. The host is lower-cased and converted to its ASCII (punycode) form; a host
 * without a port matches the policy's default ports.
 *
 * @param host lower-case ASCII host name or IP literal (without brackets)
 * @param port the port, or 0 when any of the policy's default ports is meant
 */
@Stable
public record HostPort(String host, int port) {
    /** A name of letters, digits, '.', '_', '-' (and '*' for a wildcard label). */
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9_*-][a-z0-9._*-]*");
    /** An IPv6 literal: eight groups, or fewer around one '::' (an IPv4 tail allowed). */
    private static final Pattern IPV6 = Pattern.compile(
            "(?=.*:.*:)([0-9a-f]{1,4}(:[0-9a-f]{1,4}){7}|([0-9a-f]{1,4}(:[0-9a-f]{1,4})*)?::([0-9a-f]{1,4}(:[0-9a-f]{1,4})*)?"
                    + "|([0-9a-f]{1,4}:){1,6}:?[0-9.]+|::[0-9a-f:]*[0-9.]+)");

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new ConfigurationException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("port must be within 0..65535, was " + port);
        }
        host = normalizeHost(host);
    }

    /**
     * Parses {@code host}, {@code host:port} or {@code [v6]:port}.
     *
     * @throws ConfigurationException with the accepted forms when the text is not one of them
     */
    public static HostPort parse(String text) {
        HostPort parsed = parseForm(text);
        if (!HOST_NAME.matcher(parsed.host()).matches()
                && !IPV6.matcher(parsed.host()).matches()) {
            throw new ConfigurationException("Host '" + text + "' is not a host name, host:port or [v6]:port; "
                    + "write e.g. api.example.com, api.example.com:443 or [::1]:8080.");
        }
        return parsed;
    }

    private static HostPort parseForm(String text) {
        String s = text == null ? "" : text.trim();
        if (s.contains("://") || s.contains("/")) {
            throw new ConfigurationException("Host '" + text + "' must be a bare host or host:port, not a URL "
                    + "(write api.example.com or api.example.com:443).");
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new ConfigurationException("Host '" + text + "' has an unclosed '['.");
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            return new HostPort(host, rest.isEmpty() ? 0 : parsePort(text, rest.substring(1)));
        }
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(':') == colon) {
            return new HostPort(s.substring(0, colon), parsePort(text, s.substring(colon + 1)));
        }
        return new HostPort(s, 0);
    }

    public static HostPort of(String host, int port) {
        return new HostPort(host, port);
    }

    /** The explicit port, or empty when the policy's default ports apply. */
    public OptionalInt explicitPort() {
        return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** Lower-cases, strips one trailing dot and converts an internationalised name to punycode. */
    public static String normalizeHost(String host) {
        String h = host.trim();
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        try {
            h = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Host '" + host + "' is not a valid host name: " + e.getMessage());
        }
        return h.toLowerCase(Locale.ROOT);
    }

    private static int parsePort(String original, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Port in '" + original + "' must be a number within 1..65535.");
        }
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port == 0 ? h : h + ":" + port;
    }
}
