package dev.agentic.validate.internal.python;

import dev.agentic.core.validate.ValidationPolicy;
import dev.agentic.validate.internal.python.PyText.Val;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a gate policy ({@link ValidationPolicy#isGate()}) adds for Python: members of modules allowed only in
 * part, modules reached through other modules ({@code glob.os}), strings that libraries evaluate (annotations,
 * format templates), archive extraction, {@code dir_fd}, environment changes, files and SQL
 * ({@link PyGateFiles}), and network calls whose host is not known when the program is read ({@link PyGateHosts}).
 * Not thread-safe; one per validation.
 */
final class PyGate {
    /** Standard-library modules a gate does not allow whole, judged when a chain reaches them through another. */
    private static final Set<String> MODULE_SEGMENTS = load("module-segments.txt");
    /** A string annotation that is a plain type expression: names, dots, subscripts, unions; no calls. */
    private static final Pattern PLAIN_TYPE = Pattern.compile("[A-Za-z_][A-Za-z0-9_.,\\[\\] |]*");

    private static final Set<String> ENVIRONMENT_CHANGES = Set.of(
            "os.environ.update",
            "os.environ.setdefault",
            "os.environ.pop",
            "os.environ.popitem",
            "os.environ.clear",
            "os.environ.__setitem__",
            "os.environ.__delitem__");
    /** Attributes that set where a request or client goes: {@code req.full_url = ...}, {@code c.base_url = ...}. */
    private static final Set<String> URL_ATTRIBUTES = Set.of("full_url", "base_url", "url", "host");

    private static final Set<String> EXTRACTION = Set.of("extract", "extractall");
    private static final Set<String> DIR_FD = Set.of("dir_fd", "src_dir_fd", "dst_dir_fd");
    private final PyText text;
    private final PyBindings bindings;
    private final PyPolicy policy;
    private final PyEffects.Reporter reporter;
    private final PyLeads leads;
    private final PyGateHosts hosts;
    private final PyGateFiles files;
    private final boolean importsArchives;
    private final boolean importsSqlite;

    PyGate(PyText text, PyBindings bindings, PyPolicy policy, PyEffects.Reporter reporter, PyNode root) {
        this.text = text;
        this.bindings = bindings;
        this.policy = policy;
        this.reporter = reporter;
        PyDefs defs = new PyDefs(text);
        defs.collect(root);
        this.leads = new PyLeads(text, defs, bindings);
        this.hosts = new PyGateHosts(bindings, defs, leads, policy, reporter);
        this.files = new PyGateFiles(text, bindings, leads, reporter);
        Set<String> roots = new HashSet<>();
        bindings.importTargets.values().forEach(ts -> ts.forEach(t -> roots.add(t.split("\\.")[0])));
        this.importsArchives = roots.contains("tarfile") || roots.contains("zipfile") || roots.contains("shutil");
        this.importsSqlite = roots.contains("sqlite3");
    }

    /** The outermost attribute of a chain: {@code os.system}, {@code glob.os.open}, {@code o.environ.update}. */
    void onAttribute(PyNode chain) {
        PyNode root = chain;
        StringBuilder rest = new StringBuilder();
        while (root.is("attribute") && root.child("attribute") != null) {
            rest.insert(0, "." + text.name(root.child("attribute")));
            root = root.child("object");
            if (root == null) {
                return;
            }
        }
        if (!root.is("identifier")) {
            return;
        }
        for (String target : bindings.importTargets.getOrDefault(text.name(root), Set.of())) {
            if (judge(target + rest, chain.child("attribute"))) {
                return;
            }
        }
    }

    /** Reports what is wrong with using {@code q}; true when something was. */
    private boolean judge(String q, PyNode at) {
        if (ENVIRONMENT_CHANGES.contains(q)) {
            reporter.report(
                    PyRules.DENIED_CALL,
                    true,
                    q + " changes the environment, which can send HTTP through another host (HTTPS_PROXY); "
                            + "pass settings as values instead, and set environment variables in the request",
                    at);
            return true;
        }
        String problem = policy.memberProblem(q);
        if (problem != null) {
            reporter.report(PyRules.DENIED_CALL, true, problem + "; " + advice(q), at);
            return true;
        }
        String[] parts = q.split("\\.");
        for (int i = 1; i < parts.length; i++) {
            if (!MODULE_SEGMENTS.contains(parts[i])) {
                continue;
            }
            String suffix = String.join(".", Arrays.copyOfRange(parts, i, parts.length));
            if (!ValidationPolicy.matchesNameOrParent(suffix, policy.policy.allowedImports())) {
                reporter.report(
                        PyRules.DENIED_IMPORT,
                        true,
                        q + " reaches module " + parts[i] + " through "
                                + String.join(".", Arrays.copyOfRange(parts, 0, i))
                                + ", and the policy does not allow " + suffix
                                + "; use only allowed modules, imported by name",
                        at);
                return true;
            }
        }
        return false;
    }

    private static String advice(String q) {
        String module = q.substring(0, q.indexOf('.'));
        return switch (module) {
            case "os" ->
                "read settings with os.environ, build paths with os.path or pathlib, and keep files in the "
                        + "working directory";
            case "sys" -> "use sys.argv, sys.stdout and sys.exit; modules, frames and hooks are not available";
            case "typing" -> "use the type constructs; type hints are not evaluated at run time";
            case "logging" -> "configure logging in code with logging.basicConfig, handlers and formatters";
            case "urllib" ->
                "use urllib.request.urlopen or Request with a literal https:// URL; write files with "
                        + "open() in the working directory";
            case "dataclasses" -> "declare the class with @dataclass";
            default -> "use one of the allowed members";
        };
    }

    /** A bare use of an imported name: a module allowed only in part must not be passed around whole. */
    void onIdentifier(PyNode n) {
        if (n.parent != null && n.parent.is("attribute") && "object".equals(n.field)) {
            return;
        }
        for (String target : bindings.importTargets.getOrDefault(text.name(n), Set.of())) {
            if (policy.isPartial(target)) {
                reporter.report(
                        PyRules.DENIED_IMPORT,
                        true,
                        "module " + target + " is allowed only in part (" + policy.allowedMembers(target)
                                + "), so it cannot be used as a value; call its allowed members directly",
                        n);
                return;
            }
        }
    }

    /** {@code getattr(module, "name")}: the member is judged as if written {@code module.name}. */
    void onGetattr(PyNode object, List<Val> names) {
        for (Val v : names) {
            for (String base : bindings.qualified(object)) {
                if (v.complete() && judge(base + "." + v.text(), object)) {
                    return;
                }
            }
        }
    }

    void onCall(PyNode call, Set<String> names, List<PyNode> positional, Map<String, PyNode> keywords) {
        PyNode fn = call.child("function");
        String method = fn != null && fn.is("attribute") && fn.child("attribute") != null
                ? text.name(fn.child("attribute"))
                : null;
        if (method != null) {
            onMethod(call, fn, method, positional, keywords);
        }
        for (String k : keywords.keySet()) {
            if (DIR_FD.contains(k)) {
                reporter.report(
                        PyRules.DENIED_CALL,
                        true,
                        k + " resolves the path against an open directory descriptor, which the validator cannot "
                                + "follow; use a path relative to the working directory",
                        keywords.get(k));
            }
        }
        for (String raw : names) {
            String q = raw.startsWith(PyRules.BUILTINS_PREFIX) ? raw.substring(PyRules.BUILTINS_PREFIX.length()) : raw;
            files.onCall(call, q, positional, keywords);
            if (q.equals("logging.Formatter") || q.equals("logging.basicConfig")) {
                checkLogFormat(q, positional, keywords);
            }
        }
        hosts.onCall(call, names, method, positional, keywords);
    }

    private void onMethod(
            PyNode call, PyNode fn, String method, List<PyNode> positional, Map<String, PyNode> keywords) {
        PyNode receiver = fn.child("object");
        if (PyRules.GATE_DENIED_METHODS.contains(method)) {
            reporter.report(
                    PyRules.DENIED_CALL,
                    true,
                    method + "() runs commands, loads native code, evaluates strings or fetches URLs to files; "
                            + "do the work with allowed library calls (urlopen and open() for downloads)",
                    fn.child("attribute"));
        }
        if (importsArchives && EXTRACTION.contains(method)) {
            reporter.report(
                    PyRules.EVALUATED_STRING,
                    true,
                    method + "() writes each archive member under the name stored in the archive (which can be "
                            + "../ or absolute, or a link); read members with read()/extractfile() and write them "
                            + "under names you choose in the working directory",
                    fn.child("attribute"));
        }
        if (importsSqlite) {
            files.onSqlMethod(method, positional, keywords);
        }
        if ((method.equals("format") || method.equals("format_map")) && receiver != null) {
            PyNode template = receiver.is("identifier") && text.name(receiver).equals("str")
                    ? (positional.isEmpty() ? null : positional.get(0))
                    : receiver;
            if (template != null && !isConstructedObject(template) && !allComplete(template)) {
                reporter.report(
                        PyRules.FORMAT_TRAVERSAL,
                        true,
                        "." + method + "() on a template that is not a literal can reach attributes of its arguments "
                                + "through fields like {0.__init__.__globals__}; write the template as a literal or an "
                                + "f-string, or use string.Template for templates that come from data",
                        template);
            }
        }
        files.onPathMethod(receiver, method, positional);
    }

    /** {@code super().format(record)} or a formatter object: a call to a class, not a string. */
    private boolean isConstructedObject(PyNode e) {
        if (e.is("call")) {
            PyNode fn = e.child("function");
            return fn != null && fn.is("identifier") && text.name(fn).equals("super");
        }
        return hosts.constructedBy(
                e,
                q -> {
                    String last = q.substring(q.lastIndexOf('.') + 1);
                    return !last.equals("str") && !last.isEmpty() && Character.isUpperCase(last.charAt(0));
                },
                true);
    }

    private boolean allComplete(PyNode e) {
        List<Val> vs = leads.leads(e, 0);
        return !vs.isEmpty() && vs.stream().allMatch(Val::complete);
    }

    /** {@code logging.Formatter(fmt, style="{")}: a '{' template formats log records with attribute lookup. */
    private void checkLogFormat(String q, List<PyNode> positional, Map<String, PyNode> keywords) {
        PyNode style = keywords.get("style");
        if (style == null || !text.text(style).matches("[\"']\\{[\"']")) {
            return;
        }
        PyNode fmt = q.equals("logging.Formatter")
                ? (positional.isEmpty() ? keywords.get("fmt") : positional.get(0))
                : keywords.get("format");
        if (fmt != null && !allComplete(fmt)) {
            reporter.report(
                    PyRules.FORMAT_TRAVERSAL,
                    true,
                    q + " with style '{' and a format that is not a literal can reach attributes of the log record; "
                            + "write the format as a literal",
                    fmt);
        }
    }

    /** An annotation ({@code type} node): every string in it must be a plain type, never code. */
    void onAnnotation(PyNode type) {
        if (type.is("string")) {
            Val v = text.stringValue(type);
            if (v == null
                    || !v.complete()
                    || !PLAIN_TYPE.matcher(v.text().strip()).matches()
                    || v.text().contains("__")) {
                reporter.report(
                        PyRules.EVALUATED_STRING,
                        true,
                        "the string annotation " + text.text(type) + " is evaluated as code by typing.get_type_hints "
                                + "and functools.singledispatch; write the type itself (with from __future__ import "
                                + "annotations if it is defined later)",
                        type);
            }
            return;
        }
        for (PyNode c : type.children) {
            onAnnotation(c);
        }
    }

    /** {@code os.environ["HTTPS_PROXY"] = ...}: changes where HTTP goes. */
    void onAssignment(PyNode assignment) {
        PyNode left = assignment.child("left");
        PyNode right = assignment.child("right");
        if (left != null
                && right != null
                && left.is("attribute")
                && left.child("attribute") != null
                && URL_ATTRIBUTES.contains(text.name(left.child("attribute")))) {
            hosts.onUrlAttribute(text.name(left.child("attribute")), right);
        }
        if (left != null && left.is("subscript") && left.child("value") != null) {
            for (String q : bindings.qualified(left.child("value"))) {
                if (q.equals("os.environ")) {
                    judge("os.environ.__setitem__", left);
                    return;
                }
            }
        }
    }

    private static Set<String> load(String resource) {
        Set<String> out = new HashSet<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(PyGate.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
