package dev.agentic.validate.internal.java;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.agentic.core.AgenticException;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkPolicy;
import dev.agentic.core.validate.ValidationPolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rules {@code network-not-allowed} (networking types when the task has no network) and
 * {@code host-not-allowed} (literal URLs and host names outside the task's allowlist). Not thread-safe.
 */
final class NetworkRule {
    private static final Pattern URL = Pattern.compile("^\\s*([a-zA-Z][a-zA-Z0-9+.:-]*)://([^/?#\\s]*)");
    /** A host written with template or placeholder characters is not a literal host. */
    private static final Pattern PLACEHOLDER = Pattern.compile(".*[%{}$<>].*");

    private static final Set<String> LOCAL_SCHEMES = Set.of("file", "jar", "jrt", "classpath");
    /** Authorities of XML and schema namespace URIs: identifiers in code, not hosts a program contacts. */
    private static final Set<String> NAMESPACE_AUTHORITIES = Set.of(
            "www.w3.org",
            "w3.org",
            "xml.org",
            "apache.org",
            "xml.apache.org",
            "schemas.xmlsoap.org",
            "schemas.openxmlformats.org",
            "schemas.microsoft.com",
            "purl.org",
            "json-schema.org",
            "xmlpull.org",
            "www.xmlpull.org",
            "xmlns.jcp.org",
            "java.sun.com",
            "javax.xml.xmlconstants");

    private static final Set<String> BUILDERS =
            Set.of("StringBuilder", "StringBuffer", "java.lang.StringBuilder", "java.lang.StringBuffer");
    private static final Set<String> NETWORK_PACKAGES =
            Set.of("java.net", "java.net.http", "javax.net", "javax.net.ssl", "java.rmi", "jdk.net", "com.sun.net");
    private static final Set<String> NETWORK_TYPES = Set.of("java.sql.DriverManager");
    private static final Set<String> OFFLINE_NET_TYPES = Set.of(
            "java.net.URI",
            "java.net.URISyntaxException",
            "java.net.URLEncoder",
            "java.net.URLDecoder",
            "java.net.IDN",
            "java.net.MalformedURLException");
    private static final Set<String> CHANNEL_TYPES = Set.of(
            "java.nio.channels.SocketChannel",
            "java.nio.channels.ServerSocketChannel",
            "java.nio.channels.DatagramChannel",
            "java.nio.channels.AsynchronousSocketChannel",
            "java.nio.channels.AsynchronousServerSocketChannel");
    /** Constructors and factories whose first (or second, for URL) argument is a bare host name. */
    private static final Set<String> HOST_FIRST = Set.of(
            "java.net.Socket",
            "java.net.InetSocketAddress",
            "javax.net.ssl.SSLSocket",
            "java.net.InetAddress.getByName",
            "java.net.InetAddress.getAllByName",
            "java.net.InetSocketAddress.createUnresolved");

    private static final Set<String> PRINT_METHODS = Set.of("print", "println", "printf", "format");
    private static final Set<String> LOG_METHODS = Set.of(
            "info", "warning", "severe", "fine", "finer", "finest", "config", "debug", "error", "warn", "trace",
            "fatal", "log");

    private final Set<String> reported = new HashSet<>();
    private final NetworkPolicy network;
    private final boolean checkHosts;
    private final Constants constants;
    private final Findings findings;

    NetworkRule(NetworkPolicy network, ValidationPolicy policy, Constants constants, Findings findings) {
        this.network = network;
        this.checkHosts = policy.checkLiteralHosts();
        this.constants = constants;
        this.findings = findings;
    }

    /** Whether {@code fqn} (a type or package) is a networking API. */
    static boolean isNetworkName(String fqn) {
        if (NETWORK_TYPES.contains(fqn)) {
            return true;
        }
        if (OFFLINE_NET_TYPES.contains(fqn) || CHANNEL_TYPES.contains(fqn)) {
            return CHANNEL_TYPES.contains(fqn);
        }
        String pkg = fqn;
        while (true) {
            if (NETWORK_PACKAGES.contains(pkg)) {
                return true;
            }
            int dot = pkg.lastIndexOf('.');
            if (dot < 0) {
                return false;
            }
            pkg = pkg.substring(0, dot);
        }
    }

    /** Reports a reference to a networking type or package when the task has no network. */
    void onName(String fqn, Node at) {
        if (network.isNone() && isNetworkName(fqn)) {
            findings.error(
                    JavaRules.NETWORK_NOT_ALLOWED,
                    at,
                    fqn + " opens network connections, but this task "
                            + "has no network access; compute the result locally or ask for the host to be allowed.");
        }
    }

    /** Checks a maximal string expression (a literal or a concatenation) that is a URL. */
    void onString(Expression e) {
        if (!checkHosts || isPartOfConcatenation(e) || isOnlyPrinted(e)) {
            return;
        }
        for (String value : constants.strings(e)) {
            Matcher m = URL.matcher(value);
            if (m.find() && !LOCAL_SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                String host = hostOf(m.group(2));
                if (host != null && host.endsWith(".") && m.end() == value.length()) {
                    // "https://api." + region + ...: the host goes on beyond what is known
                    host += Constants.UNKNOWN;
                }
                if (host != null && !NAMESPACE_AUTHORITIES.contains(host.toLowerCase(Locale.ROOT))) {
                    checkHost(host, e);
                }
            }
        }
    }

    /** Checks bare host arguments of socket constructors and address factories. */
    void onHostArguments(String callee, List<Expression> args) {
        if (!checkHosts || args.isEmpty()) {
            return;
        }
        if (HOST_FIRST.contains(callee)) {
            checkConstantHost(args.get(0), false);
        } else if (callee.equals("java.net.URL") && args.size() >= 3) {
            checkConstantHost(args.get(1), false);
        } else if (callee.equals("java.net.URI") && (args.size() == 4 || args.size() == 5 || args.size() == 7)) {
            // URI(scheme, host, path, fragment), URI(scheme, authority, path, query, fragment),
            // URI(scheme, userInfo, host, port, path, query, fragment)
            checkConstantHost(args.get(args.size() == 7 ? 2 : 1), args.size() == 5);
        }
    }

    /**
     * A string built in one expression by appending to a literal or a new builder
     * ({@code new StringBuilder("https://").append(host).toString()}): checked once, at the outermost append.
     */
    void onBuilderChain(MethodCallExpr call) {
        if (!checkHosts || isChainLink(call.getParentNode().orElse(null), call)) {
            return;
        }
        Expression root = call;
        while (root instanceof MethodCallExpr m
                && isChainLink(m, null)
                && m.getScope().isPresent()) {
            root = m.getScope().get();
        }
        if (root instanceof StringLiteralExpr
                || (root instanceof ObjectCreationExpr o
                        && BUILDERS.contains(o.getType().getNameAsString()))) {
            onString(call);
        }
    }

    private static boolean isChainLink(Node node, Expression scope) {
        return node instanceof MethodCallExpr m
                && (m.getNameAsString().equals("append") || m.getNameAsString().equals("concat"))
                && (scope == null || m.getScope().orElse(null) == scope);
    }

    private void checkConstantHost(Expression arg, boolean authority) {
        for (String value : constants.strings(arg)) {
            String host = authority ? hostOf(value.trim()) : value.trim();
            if (host != null && !host.isBlank()) {
                checkHost(host, arg);
            }
        }
    }

    /**
     * Whether {@code e} is an argument of {@code System.out/err.print*}/{@code printf}/{@code format} or of a
     * logger method: a URL written out ("see https://dashboard.stripe.com/...") is not a connection.
     */
    private static boolean isOnlyPrinted(Expression e) {
        if (!(e.getParentNode().orElse(null) instanceof MethodCallExpr m)
                || !m.getArguments().contains(e)) {
            return false;
        }
        String name = m.getNameAsString();
        String scope = m.getScope().map(Node::toString).orElse("");
        return (scope.equals("System.out") || scope.equals("System.err")) && PRINT_METHODS.contains(name)
                || !scope.isEmpty() && !scope.equals("String") && LOG_METHODS.contains(name);
    }

    private static boolean isPartOfConcatenation(Expression e) {
        return e.getParentNode().orElse(null) instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS;
    }

    /** The host of a URL authority; null when it is not fully known. */
    private static String hostOf(String authority) {
        String a = authority.substring(authority.lastIndexOf('@') + 1);
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            return close < 0 ? null : a.substring(1, close);
        }
        int colon = a.indexOf(':');
        return colon < 0 ? a : a.substring(0, colon);
    }

    private void checkHost(String host, Node at) {
        if (host == null || host.isEmpty() || PLACEHOLDER.matcher(host).matches()) {
            return;
        }
        boolean allowed;
        int first = host.indexOf(Constants.UNKNOWN);
        if (first >= 0) {
            // "secret + '.evil.example'" or "'evil.example' + rest": judge by the known prefix and suffix; no allowed
            // host may start and end with them (this is how DNS exfiltration is written).
            String prefix = host.substring(0, first).toLowerCase(Locale.ROOT);
            String suffix =
                    host.substring(host.lastIndexOf(Constants.UNKNOWN) + 1).toLowerCase(Locale.ROOT);
            if (prefix.indexOf('.') < 0 && suffix.indexOf('.') < 0) {
                return;
            }
            allowed = network.allowedHosts().stream()
                    .anyMatch(h -> h.host().startsWith(prefix)
                            && h.host().endsWith(suffix)
                            && h.host().length() >= prefix.length() + suffix.length());
            host = prefix + "*" + suffix;
        } else {
            try {
                allowed = network.allowsHost(host);
            } catch (AgenticException e) {
                allowed = false;
            }
        }
        int line = at.getBegin().map(p -> p.line).orElse(0);
        if (!allowed && reported.add(host + "@" + line)) {
            // once per host and line: String.format("https://evil/%s", x) is both a literal and its result
            String allowedHosts =
                    network.allowedHosts().stream().map(HostPort::toString).collect(Collectors.joining(", "));
            findings.error(
                    JavaRules.HOST_NOT_ALLOWED,
                    at,
                    "Contacts " + host + ", which is not in this task's "
                            + "network allowlist"
                            + (allowedHosts.isEmpty()
                                    ? " (the task has no network access)"
                                    : " (allowed: " + allowedHosts + ")")
                            + "; use only the allowed hosts.");
        }
    }
}
