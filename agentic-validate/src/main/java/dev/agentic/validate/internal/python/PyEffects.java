package dev.agentic.validate.internal.python;

import dev.agentic.core.AgenticException;
import dev.agentic.core.validate.RuleId;
import dev.agentic.validate.internal.python.PyText.Val;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules about a program's effects outside itself: files written or deleted outside the working directory
 * and literal network hosts outside the task's allowlist. Not thread-safe; one per validation.
 */
final class PyEffects {
    private static final Pattern URL = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9+.-]*)://([^/?#\\s]*)");
    private static final Pattern BARE_HOST =
            Pattern.compile("^(localhost|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|\\[[0-9A-Fa-f:.]+\\])(:\\d+)?$");
    /** Calls that open a file by name: {@code (file, mode)} like the builtin, or {@code (path, flags)} for os.open. */
    private static final Set<String> OPEN_CALLS = Set.of(
            "open",
            "io.open",
            "io.FileIO",
            "codecs.open",
            "os.open",
            "gzip.open",
            "gzip.GzipFile",
            "bz2.open",
            "bz2.BZ2File",
            "lzma.open",
            "lzma.LZMAFile",
            "tarfile.open",
            "tarfile.TarFile",
            "zipfile.ZipFile");
    /** Call → index of each argument naming a file it writes. */
    private static final Map<String, int[]> WRITES = Map.ofEntries(
            Map.entry("shutil.copy", new int[] {1}), Map.entry("shutil.copy2", new int[] {1}),
            Map.entry("shutil.copyfile", new int[] {1}), Map.entry("shutil.copytree", new int[] {1}),
            Map.entry("shutil.move", new int[] {1}), Map.entry("os.rename", new int[] {1}),
            Map.entry("os.replace", new int[] {1}), Map.entry("os.renames", new int[] {1}),
            Map.entry("os.symlink", new int[] {1}), Map.entry("os.link", new int[] {1}),
            Map.entry("os.makedirs", new int[] {0}), Map.entry("os.mkdir", new int[] {0}),
            Map.entry("os.chmod", new int[] {0}), Map.entry("os.chown", new int[] {0}),
            Map.entry("os.lchown", new int[] {0}), Map.entry("os.truncate", new int[] {0}),
            Map.entry("os.utime", new int[] {0}), Map.entry("os.mkfifo", new int[] {0}),
            Map.entry("os.mknod", new int[] {0}), Map.entry("shutil.chown", new int[] {0}));
    /** Call → index of each argument naming a file or tree it deletes. */
    private static final Map<String, int[]> DELETES = Map.of(
            "shutil.rmtree",
            new int[] {0},
            "os.remove",
            new int[] {0},
            "os.unlink",
            new int[] {0},
            "os.rmdir",
            new int[] {0},
            "os.removedirs",
            new int[] {0},
            "shutil.move",
            new int[] {0},
            "os.rename",
            new int[] {0},
            "os.replace",
            new int[] {0});
    /** Calls that move the process to another directory: relative writes after them land there. */
    private static final Set<String> CHANGES_DIRECTORY = Set.of("os.chdir", "os.chroot", "contextlib.chdir");

    private static final Set<String> PATH_WRITE_METHODS =
            Set.of("write_text", "write_bytes", "touch", "mkdir", "symlink_to", "hardlink_to", "chmod", "lchmod");
    private static final Set<String> PATH_DELETE_METHODS = Set.of("unlink", "rmdir", "rename", "replace");
    /** Calls whose first argument (or the host of a (host, port) tuple) is a host to connect to. */
    private static final Set<String> HOST_SINKS = Set.of(
            "HTTPConnection",
            "HTTPSConnection",
            "getaddrinfo",
            "gethostbyname",
            "gethostbyname_ex",
            "open_connection",
            "FTP",
            "FTP_TLS",
            "SMTP",
            "SMTP_SSL",
            "IMAP4",
            "IMAP4_SSL",
            "POP3",
            "POP3_SSL",
            "Telnet",
            "HTTPConnectionPool",
            "HTTPSConnectionPool",
            "create_connection");
    /** Calls taking a socket address: only a {@code (host, port)} tuple counts. */
    /**
     * Logger methods: a URL passed to one (or to {@code print}) is output, not a connection, and flagging
     * it would send ordinary code ("see https://dashboard.stripe.com/...") to a repair.
     */
    private static final Set<String> LOG_METHODS =
            Set.of("debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log");

    private static final Set<String> ADDRESS_SINKS = Set.of(
            "connect", "connect_ex", "create_connection", "sendto", "bind_and_connect", "create_datagram_endpoint");

    private final PyText text;
    private final PyBindings bindings;
    private final PyPolicy policy;
    private final Reporter reporter;

    /** Receives findings. */
    interface Reporter {
        void report(RuleId rule, boolean error, String message, PyNode at);
    }

    PyEffects(PyText text, PyBindings bindings, PyPolicy policy, Reporter reporter) {
        this.text = text;
        this.bindings = bindings;
        this.policy = policy;
        this.reporter = reporter;
    }

    void checkCall(PyNode call, Set<String> names, List<PyNode> positional, Map<String, PyNode> keywords) {
        for (String raw : names) {
            String q = raw.startsWith(PyRules.BUILTINS_PREFIX) ? raw.substring(PyRules.BUILTINS_PREFIX.length()) : raw;
            if (OPEN_CALLS.contains(q)) {
                checkOpen(q, positional, keywords);
            }
            int[] w = WRITES.get(q);
            if (w != null) {
                for (int i : w) {
                    checkPath(arg(positional, keywords, i, i == 0 ? "src" : "dst"), PyRules.WRITE_OUTSIDE, q);
                }
            }
            if (CHANGES_DIRECTORY.contains(q)) {
                checkPath(
                        arg(positional, keywords, 0, "path"),
                        PyRules.WRITE_OUTSIDE,
                        q,
                        "moves the process to",
                        "relative writes after it would land there; stay in the working "
                                + "directory and use relative paths (for example out/result.json)");
            }
            int[] d = DELETES.get(q);
            if (d != null) {
                for (int i : d) {
                    checkPath(arg(positional, keywords, i, "path"), PyRules.DELETE_OUTSIDE, q);
                }
            }
        }
        PyNode fn = call.child("function");
        if (fn != null && fn.is("attribute")) {
            String method = text.name(fn.child("attribute"));
            PyNode receiver = fn.child("object");
            if (!bindings.isPathExpr(receiver)) {
                method = "";
            }
            if (PATH_WRITE_METHODS.contains(method)) {
                checkPath(receiver, PyRules.WRITE_OUTSIDE, "Path." + method);
            } else if (PATH_DELETE_METHODS.contains(method)) {
                checkPath(receiver, PyRules.DELETE_OUTSIDE, "Path." + method);
            } else if (method.equals("open") && isWriteMode(arg(positional, keywords, 0, "mode"), false)) {
                checkPath(receiver, PyRules.WRITE_OUTSIDE, "Path.open");
            }
            if (method.equals("rename") || method.equals("replace") || method.equals("symlink_to")) {
                checkPath(arg(positional, keywords, 0, "target"), PyRules.WRITE_OUTSIDE, "Path." + method);
            }
        }
        checkHosts(call, fn, positional, keywords);
    }

    private void checkOpen(String q, List<PyNode> positional, Map<String, PyNode> keywords) {
        PyNode path = arg(positional, keywords, 0, "file");
        for (String keyword : new String[] {"path", "filename", "name"}) {
            path = path == null ? keywords.get(keyword) : path;
        }
        PyNode mode = arg(positional, keywords, 1, q.equals("os.open") ? "flags" : "mode");
        if (isWriteMode(mode, q.equals("os.open"))) {
            checkPath(path, PyRules.WRITE_OUTSIDE, q);
        }
    }

    private boolean isWriteMode(PyNode mode, boolean osFlags) {
        if (mode == null) {
            return false;
        }
        if (osFlags) {
            String t = text.text(mode);
            return !(t.contains("O_RDONLY")
                    && !t.contains("O_WRONLY")
                    && !t.contains("O_RDWR")
                    && !t.contains("O_CREAT")
                    && !t.contains("O_APPEND")
                    && !t.contains("O_TRUNC"));
        }
        List<Val> vs = bindings.values(mode);
        if (vs.isEmpty()) {
            return true;
        }
        for (Val v : vs) {
            if (!v.complete() || v.text().chars().anyMatch(c -> c == 'w' || c == 'a' || c == 'x' || c == '+')) {
                return true;
            }
        }
        return false;
    }

    private void checkPath(PyNode pathExpr, RuleId rule, String what) {
        checkPath(
                pathExpr,
                rule,
                what,
                rule.equals(PyRules.DELETE_OUTSIDE) ? "deletes" : "writes",
                "use a relative path inside the working directory (for example out/result.json)");
    }

    private void checkPath(PyNode pathExpr, RuleId rule, String what, String verb, String advice) {
        if (pathExpr == null) {
            return;
        }
        for (Val v : bindings.values(pathExpr)) {
            if (isOutside(v)) {
                reporter.report(
                        rule,
                        true,
                        what + " " + verb + " '" + v.text() + (v.complete() ? "" : "...")
                                + "', outside the working directory; " + advice,
                        pathExpr);
                return;
            }
        }
    }

    /** Absolute, home-relative, or climbing out with {@code ..}. */
    static boolean isOutside(Val v) {
        String t = v.text();
        if (t.equals("/dev/null") || t.equals("/dev/stdout") || t.equals("/dev/stderr")) {
            return !v.complete();
        }
        if (t.startsWith("/")
                || t.startsWith("\\")
                || t.startsWith("~")
                || (t.length() >= 2 && Character.isLetter(t.charAt(0)) && t.charAt(1) == ':')) {
            return true;
        }
        String[] segments = t.split("[/\\\\]", -1);
        int known = v.complete() ? segments.length : segments.length - 1;
        int depth = 0;
        for (int i = 0; i < known; i++) {
            String s = segments[i];
            if (s.equals("..")) {
                if (--depth < 0) {
                    return true;
                }
            } else if (!s.isEmpty() && !s.equals(".")) {
                depth++;
            }
        }
        return false;
    }

    private void checkHosts(PyNode call, PyNode fn, List<PyNode> positional, Map<String, PyNode> keywords) {
        if (!policy.policy.checkLiteralHosts() || printsOnly(fn)) {
            return;
        }
        List<PyNode> args = new ArrayList<>(positional);
        args.addAll(keywords.values());
        PyNode argList = call.child("arguments");
        for (PyNode a : argList == null ? List.<PyNode>of() : argList.namedChildren()) {
            if (a.is("list_splat") || a.is("dictionary_splat")) {
                PyNode inner =
                        a.namedChildren().isEmpty() ? null : a.namedChildren().get(0);
                if (inner != null && inner.is("identifier")) {
                    checkUrls(bindings.containerStrings(text.name(inner)), true, inner);
                } else if (inner != null) {
                    checkUrls(bindings.stringsIn(inner), true, inner);
                }
            }
        }
        for (PyNode a : args) {
            if (a.is("list") || a.is("tuple") || a.is("dictionary") || a.is("set")) {
                checkUrls(bindings.stringsIn(a), false, a);
            } else {
                checkUrls(bindings.values(a), true, a);
            }
        }
        String fnName = fn == null ? "" : fn.is("attribute") ? text.name(fn.child("attribute")) : text.name(fn);
        boolean hostSink = HOST_SINKS.contains(fnName);
        boolean addressSink = ADDRESS_SINKS.contains(fnName);
        if (!hostSink && !addressSink) {
            return;
        }
        List<PyNode> targets = new ArrayList<>(positional);
        if (hostSink && keywords.containsKey("host")) {
            targets.add(0, keywords.get("host"));
        }
        if (addressSink && keywords.containsKey("address")) {
            targets.add(keywords.get("address"));
        }
        for (PyNode target : targets) {
            boolean tuple = target.is("tuple") && !target.namedChildren().isEmpty();
            List<Val> hosts;
            if (hostSink && target == targets.get(0) && !tuple) {
                hosts = bindings.values(target);
            } else if (addressSink && tuple) {
                target = target.namedChildren().get(0);
                hosts = bindings.values(target);
            } else if (addressSink && target.is("identifier")) {
                // addr = ("evil.example", 443); sock.connect(addr)
                hosts = bindings.containerStrings(text.name(target));
            } else {
                continue;
            }
            for (Val v : hosts) {
                if (v.complete() && BARE_HOST.matcher(v.text()).matches()) {
                    String host = v.text().startsWith("[")
                            ? v.text().substring(1, v.text().indexOf(']'))
                            : v.text().replaceFirst(":\\d+$", "");
                    checkHost(host, true, target);
                }
            }
        }
    }

    /** Whether {@code fn} only writes text out: {@code print(...)} or a logger method ({@code log.info(...)}). */
    private boolean printsOnly(PyNode fn) {
        if (fn == null) {
            return false;
        }
        return fn.is("identifier")
                ? text.name(fn).equals("print")
                : fn.is("attribute") && LOG_METHODS.contains(text.name(fn.child("attribute")));
    }

    /** Assigning a URL to an attribute or item (an SDK's base URL, a proxy variable) counts like a call. */
    void checkAssignment(PyNode assignment) {
        PyNode left = assignment.child("left");
        PyNode right = assignment.child("right");
        if (policy.policy.checkLiteralHosts()
                && left != null
                && right != null
                && (left.is("attribute") || left.is("subscript"))) {
            checkUrls(bindings.values(right), true, right);
        }
    }

    private void checkUrls(List<Val> values, boolean error, PyNode at) {
        for (Val v : values) {
            Matcher m = URL.matcher(v.text());
            if (!m.find() || m.group(1).equalsIgnoreCase("file")) {
                continue;
            }
            String authority = m.group(2);
            if (!v.complete() && m.end() == v.text().length()) {
                continue;
            }
            String host = authority.substring(authority.lastIndexOf('@') + 1);
            if (host.startsWith("[")) {
                int close = host.indexOf(']');
                host = close > 0 ? host.substring(1, close) : host.substring(1);
            } else if (host.indexOf(':') >= 0) {
                host = host.substring(0, host.indexOf(':'));
            }
            if (!host.isEmpty()) {
                checkHost(host, error, at);
            }
        }
    }

    private void checkHost(String host, boolean error, PyNode at) {
        boolean allowed;
        try {
            allowed = policy.network.allowsHost(host);
        } catch (AgenticException | IllegalArgumentException e) {
            allowed = false;
        }
        if (!allowed) {
            String allowedHosts = policy.network.isNone()
                    ? "no network is allowed for this task"
                    : "allowed: "
                            + String.join(
                                    ", ",
                                    policy.network.allowedHosts().stream()
                                            .map(h -> h.host())
                                            .toList());
            reporter.report(
                    PyRules.HOST_NOT_ALLOWED,
                    error,
                    (error ? "connects to" : "passes a URL for")
                            + " host '" + host + "', which is not in the task's network allowlist (" + allowedHosts
                            + "); use only the allowed API hosts, or add the host to the task's allowlist",
                    at);
        }
    }

    private static PyNode arg(List<PyNode> positional, Map<String, PyNode> keywords, int index, String keyword) {
        if (index < positional.size()) {
            return positional.get(index);
        }
        return keywords.get(keyword);
    }
}
