package dev.agentic.sandbox.internal.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * The name and address rules of the egress proxy, as pure functions. Thread-safe (stateless).
 *
 * <p>Names are judged before any DNS lookup: anything that parses as an IP address in some encoding
 * ({@code 127.0.0.1}, {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1}, any IPv6 form)
 * and {@code localhost} / {@code *.localhost} are refused. Addresses are judged after the one lookup:
 * only public unicast is acceptable.
 */
final class HostRules {
    static final String IP_LITERAL = "IP literal not allowed";
    static final String LOCALHOST = "localhost not allowed";
    static final String INVALID_NAME = "invalid host name";

    /** What kind of destination an address is; everything but {@link #PUBLIC} is refused. */
    enum AddressKind {
        PUBLIC("a public"),
        LOOPBACK("a loopback"),
        PRIVATE("a private"),
        SHARED("a shared (CGNAT)"),
        LINK_LOCAL("a link-local"),
        MULTICAST("a multicast"),
        UNSPECIFIED("an unspecified"),
        BROADCAST("a broadcast"),
        RESERVED("a reserved");

        private final String phrase;

        AddressKind(String phrase) {
            this.phrase = phrase;
        }

        /** The refusal reason, e.g. {@code resolves to a private address}. */
        String reason() {
            return "resolves to " + phrase + " address";
        }
    }

    private HostRules() {}

    /**
     * Normalises a host as asked for by a client: lower case, surrounding brackets and one trailing dot
     * removed. No IDN conversion: a non-ASCII name is refused by {@link #refuseName}.
     */
    static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.length() > 1 && h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** Why a normalised host name is refused before the allowlist is even consulted, or empty if it is not. */
    static Optional<String> refuseName(String host) {
        if (host.indexOf(':') >= 0) {
            return Optional.of(IP_LITERAL); // any IPv6 form, mapped, compatible, with or without a zone id
        }
        if (host.isEmpty() || host.length() > 253) {
            return Optional.of(INVALID_NAME);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
            if (!ok) {
                return Optional.of(INVALID_NAME);
            }
        }
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                return Optional.of(INVALID_NAME);
            }
        }
        // As in the WHATWG URL host parser: a name whose last label is a number is an IPv4 address in some
        // inet_aton encoding (decimal 2130706433, hex 0x7f.1, octal 0177.0.0.1, short 127.1); no TLD is numeric.
        if (isNumber(labels[labels.length - 1])) {
            return Optional.of(IP_LITERAL);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return Optional.of(LOCALHOST);
        }
        return Optional.empty();
    }

    private static boolean isNumber(String label) {
        String digits = label;
        int radix = 10;
        if (label.startsWith("0x")) {
            digits = label.substring(2);
            radix = 16;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Classifies a resolved address. IPv4-mapped, -compatible, NAT64 and 6to4 forms are judged by the IPv4 inside. */
    static AddressKind classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return classifyV4(b, 0);
        }
        if (address instanceof Inet6Address) {
            return classifyV6(b);
        }
        return AddressKind.RESERVED;
    }

    private static AddressKind classifyV4(byte[] bytes, int off) {
        int a = bytes[off] & 0xff;
        int b = bytes[off + 1] & 0xff;
        int c = bytes[off + 2] & 0xff;
        int d = bytes[off + 3] & 0xff;
        if (a == 0) {
            return AddressKind.UNSPECIFIED; // 0.0.0.0/8 "this network"
        } else if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
            return AddressKind.PRIVATE;
        } else if (a == 100 && (b & 0xc0) == 64) {
            return AddressKind.SHARED;
        } else if (a == 127) {
            return AddressKind.LOOPBACK;
        } else if (a == 169 && b == 254) {
            return AddressKind.LINK_LOCAL; // includes the cloud metadata address 169.254.169.254
        } else if (a >= 224 && a <= 239) {
            return AddressKind.MULTICAST;
        } else if (a == 255 && b == 255 && c == 255 && d == 255) {
            return AddressKind.BROADCAST;
        } else if (a >= 240
                || (a == 192 && b == 0 && (c == 0 || c == 2)) // protocol assignments, TEST-NET-1
                || (a == 192 && b == 88 && c == 99) // 6to4 relay anycast
                || (a == 198 && (b & 0xfe) == 18) // benchmarking
                || (a == 198 && b == 51 && c == 100)
                || (a == 203 && b == 0 && c == 113)) { // TEST-NET-2/3
            return AddressKind.RESERVED;
        }
        return AddressKind.PUBLIC;
    }

    private static AddressKind classifyV6(byte[] b) {
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (zeros(b, 0, 10)) {
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return classifyV4(b, 12); // ::ffff:a.b.c.d
            }
            if (zeros(b, 10, 15)) {
                int last = b[15] & 0xff;
                return last == 0 ? AddressKind.UNSPECIFIED : last == 1 ? AddressKind.LOOPBACK : AddressKind.RESERVED;
            }
            if (zeros(b, 10, 12)) {
                AddressKind inner = classifyV4(b, 12); // deprecated ::a.b.c.d
                return inner == AddressKind.PUBLIC ? AddressKind.RESERVED : inner;
            }
        }
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return zeros(b, 4, 12) ? classifyV4(b, 12) : AddressKind.PRIVATE; // NAT64 64:ff9b::/96, 64:ff9b:1::/48
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return classifyV4(b, 2); // 6to4 2002:a.b.c.d::/48
        }
        if (b0 == 0x20 && b1 == 0x01 && ((b[2] & 0xff) < 0x02 || ((b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8))) {
            return AddressKind.RESERVED; // 2001::/23 (Teredo, ORCHID, ...) and 2001:db8::/32 documentation
        }
        if ((b0 & 0xfe) == 0xfc) {
            return AddressKind.PRIVATE; // ULA fc00::/7
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return AddressKind.LINK_LOCAL;
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return AddressKind.PRIVATE; // deprecated site-local fec0::/10
        }
        if (b0 == 0xff) {
            return AddressKind.MULTICAST;
        }
        return (b0 & 0xe0) == 0x20 ? AddressKind.PUBLIC : AddressKind.RESERVED; // only 2000::/3 is global unicast
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
