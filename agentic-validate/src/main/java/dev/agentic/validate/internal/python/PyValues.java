package dev.agentic.validate.internal.python;

import dev.agentic.validate.internal.python.PyText.Val;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Constant folding of string expressions over the names {@link PyBindings} collected: literals,
 * concatenation, f-string prefixes, joins and path building. Not thread-safe; one per validation.
 */
final class PyValues {
    private final PyText text;
    private final PyBindings bindings;
    private final PyFormatting formatting;

    PyValues(PyText text, PyBindings bindings) {
        this.text = text;
        this.bindings = bindings;
        this.formatting = new PyFormatting(text, this);
    }

    /**
     * Strings an expression may evaluate to: literals, implicit and {@code +} concatenation, f-string
     * prefixes, {@code "".join([...])} of literals, names bound to constants. Empty when unknown.
     */
    List<Val> values(PyNode expr) {
        return values(expr, 0);
    }

    private List<Val> values(PyNode e, int depth) {
        if (e == null || depth > PyBindings.MAX_RESOLVE_DEPTH) {
            return List.of();
        }
        switch (e.type) {
            case "string": {
                Val v = text.stringValue(e);
                if (v != null && !v.complete()) {
                    v = interpolated(e, depth);
                }
                return v == null ? List.of() : List.of(v);
            }
            case "concatenated_string": {
                Val acc = new Val("", true);
                for (PyNode s : e.namedChildren()) {
                    Val v = text.stringValue(s);
                    if (v == null) {
                        return List.of();
                    }
                    acc = acc.concat(v);
                }
                return List.of(acc);
            }
            case "binary_operator": {
                PyNode op = e.child("operator");
                String o = op == null ? "" : text.text(op);
                if (o.equals("/")) {
                    return joinPaths(List.of(e.child("left"), e.child("right")), depth);
                }
                if (o.equals("%")) {
                    return formatting.percent(e.child("left"), e.child("right"), depth);
                }
                if (!o.equals("+")) {
                    return List.of();
                }
                List<Val> out = new ArrayList<>();
                List<Val> right = values(e.child("right"), depth + 1);
                for (Val l : values(e.child("left"), depth + 1)) {
                    if (!l.complete() || right.isEmpty()) {
                        out.add(right.isEmpty() ? new Val(l.text(), false) : l);
                        continue;
                    }
                    for (Val r : right) {
                        out.add(l.concat(r));
                    }
                }
                return out;
            }
            case "parenthesized_expression": {
                List<PyNode> inner = e.namedChildren();
                return inner.size() == 1 ? values(inner.get(0), depth + 1) : List.of();
            }
            case "identifier":
                return bindings.strings.getOrDefault(text.name(e), List.of());
            case "subscript": {
                PyNode value = e.child("value");
                if (value != null && value.is("identifier")) {
                    return bindings.containers.getOrDefault(text.name(value), List.of());
                }
                return List.of();
            }
            case "conditional_expression": {
                List<Val> out = new ArrayList<>();
                List<PyNode> parts = e.namedChildren();
                if (parts.size() == 3) {
                    out.addAll(values(parts.get(0), depth + 1));
                    out.addAll(values(parts.get(2), depth + 1));
                }
                return out;
            }
            case "call":
                return joinValue(e, depth);
            default:
                return List.of();
        }
    }

    private static final Set<String> PATH_BUILDERS = Set.of(
            "Path",
            "pathlib.Path",
            "PurePath",
            "pathlib.PurePath",
            "PosixPath",
            "pathlib.PosixPath",
            "os.path.join",
            "posixpath.join",
            "str",
            "os.fspath",
            "os.path.abspath",
            "os.path.normpath",
            "os.path.expanduser",
            "os.path.realpath");

    /** An f-string whose interpolations are names bound to one known string: {@code f"{BASE}/v1"}. */
    private Val interpolated(PyNode string, int depth) {
        StringBuilder sb = new StringBuilder();
        boolean raw = false;
        for (PyNode c : string.children) {
            switch (c.type) {
                case "string_start" ->
                    raw = text.text(c).toLowerCase(Locale.ROOT).indexOf('r') >= 0;
                case "string_content" -> sb.append(raw ? text.text(c) : PyText.unescape(text.text(c)));
                case "interpolation" -> {
                    PyNode expr = c.child("expression");
                    List<Val> vs = c.namedChildren().size() == 1 ? values(expr, depth + 1) : List.of();
                    if (vs.size() != 1 || !vs.get(0).complete()) {
                        return new Val(sb.toString(), false);
                    }
                    sb.append(vs.get(0).text());
                }
                default -> {}
            }
        }
        return new Val(sb.toString(), true);
    }

    /** Calls returning the (absolute) home directory: an absolute path of unknown text. */
    private static final Set<String> HOME_DIRECTORY = Set.of("Path.home", "pathlib.Path.home");
    /** Calls returning the working directory: judged as {@code "."}, so {@code cwd / ".."} climbs out of it. */
    private static final Set<String> WORKING_DIRECTORY = Set.of("os.getcwd", "Path.cwd", "pathlib.Path.cwd");

    /**
     * The value of a method called on a {@code pathlib} path: {@code joinpath} joins like {@code /};
     * {@code with_name} and {@code with_suffix} keep the directory (the last part becomes unknown);
     * {@code resolve}, {@code absolute} and {@code expanduser} are judged by the path they start from. Other
     * methods are not paths.
     */
    private List<Val> pathMethod(String method, PyNode receiver, PyNode args, int depth) {
        switch (method) {
            case "joinpath": {
                List<PyNode> parts = new ArrayList<>();
                parts.add(receiver);
                for (PyNode a : args.namedChildren()) {
                    if (!a.is("keyword_argument")) {
                        parts.add(a);
                    }
                }
                return joinPaths(parts, depth);
            }
            case "with_name", "with_suffix", "with_stem": {
                List<Val> out = new ArrayList<>();
                for (Val v : values(receiver, depth + 1)) {
                    out.add(new Val(v.text(), false));
                }
                return out;
            }
            case "resolve", "absolute", "expanduser":
                return values(receiver, depth + 1);
            default:
                return List.of();
        }
    }

    /** {@code Path("/etc") / "x"}, {@code os.path.join(a, b)}: the path as a string. */
    private List<Val> joinPaths(List<PyNode> parts, int depth) {
        List<Val> acc = List.of(new Val("", true));
        for (PyNode part : parts) {
            List<Val> vs = values(part, depth + 1);
            if (vs.isEmpty()) {
                vs = List.of(new Val("", false));
            }
            List<Val> next = new ArrayList<>();
            for (Val a : acc) {
                for (Val v : vs) {
                    if (!a.complete()) {
                        next.add(a);
                    } else if (a.text().isEmpty() || v.text().startsWith("/")) {
                        next.add(a.text().isEmpty() ? v : new Val(v.text(), v.complete()));
                    } else {
                        next.add(new Val(
                                a.text().endsWith("/") ? a.text() + v.text() : a.text() + "/" + v.text(),
                                v.complete()));
                    }
                }
            }
            acc = next.size() > 16 ? next.subList(0, 16) : next;
        }
        return acc;
    }

    /** {@code "".join(["ev", "al"])}, {@code Path("/etc", "x")}. */
    private List<Val> joinValue(PyNode call, int depth) {
        PyNode fn = call.child("function");
        PyNode args = call.child("arguments");
        Set<String> callee = fn == null ? Set.of() : bindings.qualified(fn, depth + 1);
        if (!Collections.disjoint(callee, HOME_DIRECTORY)) {
            return List.of(new Val("/", false));
        }
        if (!Collections.disjoint(callee, WORKING_DIRECTORY)) {
            return List.of(new Val(".", true));
        }
        if (args != null && fn != null && fn.is("attribute") && isPathExpr(fn.child("object"))) {
            return pathMethod(text.name(fn.child("attribute")), fn.child("object"), args, depth);
        }
        if (args != null && !Collections.disjoint(callee, PATH_BUILDERS)) {
            List<PyNode> parts = new ArrayList<>();
            for (PyNode a : args.namedChildren()) {
                if (!a.is("keyword_argument")) {
                    parts.add(a);
                }
            }
            return parts.isEmpty() ? List.of() : joinPaths(parts, depth);
        }
        if (fn != null && fn.is("attribute") && args != null && "format".equals(text.name(fn.child("attribute")))) {
            return formatting.braces(fn.child("object"), args, depth);
        }
        if (fn == null || !fn.is("attribute") || args == null || !"join".equals(text.name(fn.child("attribute")))) {
            return List.of();
        }
        List<Val> sep = values(fn.child("object"), depth + 1);
        List<PyNode> a = args.namedChildren();
        if (sep.size() != 1
                || !sep.get(0).complete()
                || a.size() != 1
                || !(a.get(0).is("list") || a.get(0).is("tuple"))) {
            return List.of();
        }
        StringBuilder sb = new StringBuilder();
        for (PyNode item : a.get(0).namedChildren()) {
            List<Val> v = values(item, depth + 1);
            if (v.size() != 1 || !v.get(0).complete()) {
                return List.of();
            }
            if (sb.length() > 0) {
                sb.append(sep.get(0).text());
            }
            sb.append(v.get(0).text());
        }
        return List.of(new Val(sb.toString(), true));
    }

    /** The one fully known value of {@code e} (an integer literal's digits too), or null. */
    String single(PyNode e, int depth) {
        if (e.is("integer")) {
            return text.text(e);
        }
        List<Val> vs = values(e, depth + 1);
        return vs.size() == 1 && vs.get(0).complete() ? vs.get(0).text() : null;
    }

    private static final Set<String> PATH_TYPES =
            Set.of("Path", "pathlib.Path", "PurePath", "pathlib.PurePath", "PosixPath", "pathlib.PosixPath");

    /** Whether {@code expr} builds a {@code pathlib} path: {@code Path(...)}, {@code p / "x"}, a name bound to one. */
    boolean isPathExpr(PyNode expr) {
        if (expr == null) {
            return false;
        }
        switch (expr.type) {
            case "identifier":
                return bindings.pathNames.contains(text.name(expr));
            case "parenthesized_expression":
                return expr.namedChildren().size() == 1
                        && isPathExpr(expr.namedChildren().get(0));
            case "binary_operator": {
                PyNode op = expr.child("operator");
                return op != null
                        && text.text(op).equals("/")
                        && (isPathExpr(expr.child("left")) || expr.child("left").is("identifier"));
            }
            case "call": {
                PyNode fn = expr.child("function");
                if (fn != null && fn.is("attribute")) {
                    String m = text.name(fn.child("attribute"));
                    if (m.equals("joinpath")
                            || m.equals("with_name")
                            || m.equals("with_suffix")
                            || m.equals("with_stem")
                            || m.equals("expanduser")
                            || m.equals("resolve")
                            || m.equals("absolute")) {
                        return isPathExpr(fn.child("object"));
                    }
                    if ((m.equals("home") || m.equals("cwd"))
                            && !Collections.disjoint(bindings.qualified(fn.child("object")), PATH_TYPES)) {
                        return true;
                    }
                }
                return fn != null && !Collections.disjoint(bindings.qualified(fn), PATH_TYPES);
            }
            default:
                return false;
        }
    }

    /** Whether every value {@code expr} can take is a known, complete string. */
    boolean fullyKnown(PyNode expr) {
        if (expr.is("identifier") && bindings.nonConstant.contains(text.name(expr))) {
            return false;
        }
        List<Val> vs = values(expr);
        return !vs.isEmpty() && vs.stream().allMatch(Val::complete);
    }

    /** Strings found anywhere inside a container literal (dict values, list items, nested). */
    List<Val> stringsIn(PyNode container) {
        List<Val> out = new ArrayList<>();
        for (PyNode c : container.namedChildren()) {
            if (c.is("pair")) {
                out.addAll(values(c.child("value")));
            } else if (c.is("list") || c.is("tuple") || c.is("set") || c.is("dictionary")) {
                out.addAll(stringsIn(c));
            } else {
                out.addAll(values(c));
            }
        }
        return out;
    }
}
