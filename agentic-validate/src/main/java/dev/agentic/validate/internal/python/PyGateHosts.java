package dev.agentic.validate.internal.python;

import dev.agentic.core.AgenticException;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.validate.internal.python.PyText.Val;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The gate's network rule for Python: the URL or host given to a network call (urllib, http.client, and the
 * clients of packages a policy allows: requests, httpx, aiohttp, urllib3) must be known when the program is read,
 * through every value it can take ({@link PyLeads}), and that host must be on the task's allowlist. A host
 * assembled at run time is rejected. Not thread-safe; one per validation.
 */
final class PyGateHosts {
    private static final Pattern URL = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9+.-]*)://([^/?#\\s]*)");
    private static final Set<String> HTTP_VERBS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
    private static final Set<String> CLIENTS = Set.of(
            "requests.Session",
            "requests.session",
            "requests.sessions.Session",
            "httpx.Client",
            "httpx.AsyncClient",
            "aiohttp.ClientSession",
            "urllib.request.build_opener",
            "urllib3.PoolManager");
    private static final Set<String> CLIENT_METHODS =
            Set.of("get", "post", "put", "patch", "delete", "head", "options", "request", "stream", "open", "urlopen");
    private static final Set<String> HOST_FIRST = Set.of(
            "http.client.HTTPConnection",
            "http.client.HTTPSConnection",
            "logging.handlers.HTTPHandler",
            "urllib3.HTTPConnectionPool",
            "urllib3.HTTPSConnectionPool");
    private static final Set<String> BASE_URL_CLIENTS =
            Set.of("httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession");
    private static final String REQUEST = "urllib.request.Request";

    private final PyBindings bindings;
    private final PyDefs defs;
    private final PyLeads leads;
    private final PyPolicy policy;
    private final PyEffects.Reporter reporter;

    PyGateHosts(PyBindings bindings, PyDefs defs, PyLeads leads, PyPolicy policy, PyEffects.Reporter reporter) {
        this.bindings = bindings;
        this.defs = defs;
        this.leads = leads;
        this.policy = policy;
        this.reporter = reporter;
    }

    void onCall(PyNode call, Set<String> names, String method, List<PyNode> positional, Map<String, PyNode> keywords) {
        for (String q : names) {
            int dot = q.indexOf('.');
            String module = dot < 0 ? q : q.substring(0, dot);
            String last = q.substring(q.lastIndexOf('.') + 1);
            if (q.equals("urllib.request.urlopen") || q.equals(REQUEST)) {
                PyNode url = arg(positional, keywords, 0, "url");
                if (!(q.equals("urllib.request.urlopen") && isRequest(url))) {
                    checkUrl(q, url, call);
                }
                return;
            }
            if ((module.equals("requests") || module.equals("httpx")) && q.indexOf('.', dot + 1) < 0) {
                if (HTTP_VERBS.contains(last)) {
                    checkUrl(q, arg(positional, keywords, 0, "url"), call);
                    return;
                }
                if (last.equals("request") || last.equals("stream")) {
                    checkUrl(q, arg(positional, keywords, 1, "url"), call);
                    return;
                }
            }
            if (HOST_FIRST.contains(q)) {
                PyNode host = arg(positional, keywords, 0, "host");
                if (host != null && !leads.bareHostKnown(host)) {
                    unresolved(q, host);
                } else if (host != null) {
                    for (Val v : leads.leads(host, 0)) {
                        checkAllowed(v.text().trim().replaceFirst(":\\d+$", ""), host);
                    }
                }
                return;
            }
            if (BASE_URL_CLIENTS.contains(q) && keywords.containsKey("base_url")) {
                checkUrl(q, keywords.get("base_url"), call);
                return;
            }
        }
        PyNode fn = call.child("function");
        if (method != null
                && CLIENT_METHODS.contains(method)
                && constructedBy(fn.child("object"), CLIENTS::contains, false)) {
            if (constructedBy(fn.child("object"), BASE_URL_CLIENTS::contains, false)) {
                return; // relative paths against a base_url checked where the client was made
            }
            boolean second = method.equals("request") || method.equals("stream");
            checkUrl(method + "()", arg(positional, keywords, second ? 1 : 0, "url"), call);
        }
    }

    /** {@code req.full_url = url}, {@code conn.host = host}: the new destination must be known like an argument. */
    void onUrlAttribute(String attribute, PyNode value) {
        if (attribute.equals("host")) {
            if (!leads.bareHostKnown(value) && !leads.urlHostKnown(value)) {
                unresolved("setting ." + attribute, value);
            }
            return;
        }
        checkUrl("setting ." + attribute, value, value);
    }

    private void checkUrl(String what, PyNode url, PyNode call) {
        if (url == null) {
            return;
        }
        String local = leads.nonHttpUrl(url);
        if (local != null) {
            reporter.report(
                    PyRules.READ_OUTSIDE,
                    true,
                    what + " with '" + local + "' reads local files or uses a protocol other than HTTP; fetch only "
                            + "http(s) URLs and read files with open() in the working directory",
                    url);
            return;
        }
        if (!leads.urlHostKnown(url)) {
            unresolved(what, url);
            return;
        }
        for (Val v : leads.leads(url, 0)) {
            Matcher m = URL.matcher(v.text());
            if (m.find()) {
                String host = m.group(2).substring(m.group(2).lastIndexOf('@') + 1);
                if (host.startsWith("[")) {
                    host = host.substring(1, Math.max(1, host.indexOf(']')));
                } else if (host.indexOf(':') >= 0) {
                    host = host.substring(0, host.indexOf(':'));
                }
                if (checkAllowed(host, url)) {
                    return;
                }
            }
        }
    }

    /** Reports {@code host} when the network policy does not allow it; true when reported. */
    private boolean checkAllowed(String host, PyNode at) {
        boolean allowed;
        try {
            allowed = policy.network.allowsHost(host);
        } catch (AgenticException | IllegalArgumentException e) {
            allowed = false;
        }
        if (!allowed) {
            reporter.report(
                    PyRules.HOST_NOT_ALLOWED,
                    true,
                    "connects to host '" + host + "', which is not in the task's network allowlist (" + allowedHosts()
                            + "); use only the allowed API hosts, or add the host to the task's allowlist",
                    at);
        }
        return !allowed;
    }

    private void unresolved(String what, PyNode at) {
        reporter.report(
                PyRules.UNRESOLVED_HOST,
                true,
                what + " gets a host computed at run time, which cannot be checked against the task's network "
                        + "allowlist (" + allowedHosts() + "); start the URL with a literal host, for example "
                        + "f\"https://api.example.com/v1/items/{item_id}\" or a constant BASE_URL = \"https://...\"",
                at);
    }

    private String allowedHosts() {
        return policy.network.isNone()
                ? "the task has no network access"
                : "allowed: "
                        + policy.network.allowedHosts().stream()
                                .map(HostPort::host)
                                .collect(Collectors.joining(", "));
    }

    /** {@code urlopen(req)} where req is a {@code Request}: the URL was checked where the request was made. */
    private boolean isRequest(PyNode e) {
        return e != null && constructedBy(e, REQUEST::equals, true);
    }

    /**
     * Whether {@code e} is made by a call whose name satisfies {@code type}: the call itself, or a name (or
     * {@code self.x}) any ({@code all} false) or every ({@code all} true) value of which is such a call, also when
     * passed in as a parameter.
     */
    boolean constructedBy(PyNode e, Predicate<String> type, boolean all) {
        return constructedBy(e, type, all, 0);
    }

    private boolean constructedBy(PyNode e, Predicate<String> type, boolean all, int depth) {
        if (e == null || e == PyDefs.UNKNOWN || depth > 6) {
            return false;
        }
        if (e.is("call")) {
            return bindings.qualified(e.child("function")).stream()
                    .map(q -> q.startsWith(PyRules.BUILTINS_PREFIX) ? q.substring(PyRules.BUILTINS_PREFIX.length()) : q)
                    .anyMatch(type);
        }
        String key = defs.key(e);
        if (key == null) {
            return false;
        }
        List<PyDefs.Def> values = defs.defs(key);
        if (e.is("identifier") && defs.functionWithParameter(e, key) != null) {
            PyNode fn = defs.functionWithParameter(e, key);
            List<PyDefs.Site> sites = defs.sites(fn);
            if (sites == null) {
                return false;
            }
            int index = defs.parameterIndex(fn, key);
            for (PyDefs.Site s : sites) {
                List<PyNode> args = s.call().child("arguments") == null
                        ? List.of()
                        : s.call().child("arguments").namedChildren();
                int at = index - s.shift();
                PyNode a = s.elementsOf() == null && s.argsTuple() == null && at >= 0 && at < args.size()
                        ? args.get(at)
                        : null;
                boolean made = a != null && !a.is("keyword_argument") && constructedBy(a, type, all, depth + 1);
                if (made && !all) {
                    return true;
                }
                if (!made && all) {
                    return false;
                }
            }
            return all && !sites.isEmpty() && values.isEmpty();
        }
        if (values.isEmpty()) {
            return false;
        }
        for (PyDefs.Def d : values) {
            boolean made = !d.element() && constructedBy(d.expr(), type, all, depth + 1);
            if (made && !all) {
                return true;
            }
            if (!made && all) {
                return false;
            }
        }
        return all;
    }

    private static PyNode arg(List<PyNode> positional, Map<String, PyNode> keywords, int index, String keyword) {
        if (keywords.containsKey(keyword)) {
            return keywords.get(keyword);
        }
        return index < positional.size() ? positional.get(index) : null;
    }
}
