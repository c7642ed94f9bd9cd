package dev.agentic.validate.internal.python;

import dev.agentic.validate.internal.python.PyText.Val;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a string expression can start with, followed through every value its names are given ({@link PyDefs}):
 * for the gate's question "is the host of this URL known when the program is read?". Unlike {@link PyValues} it
 * never drops a value it cannot see: an unknown part ends the known prefix, so {@code "https://" + host} has no
 * known host while {@code f"{BASE}/customers/{cid}"} has. Not thread-safe; one per validation.
 */
final class PyLeads {
    private static final int MAX_VALUES = 64;
    private static final int MAX_DEPTH = 10;
    static final Val NOTHING_KNOWN = new Val("", false);
    private static final Pattern URL = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9+.-]*)://([^/?#\\s]*)");
    private static final Pattern BARE_HOST =
            Pattern.compile("^(localhost|[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+|\\[[0-9A-Fa-f:.]+\\])(:\\d+)?$");

    private final PyText text;
    private final PyDefs defs;
    private final PyBindings bindings;
    private final PyTemplates templates = new PyTemplates(this);
    /** The names and containers being followed, by the node that names them (a loop guard). */
    private final Set<PyNode> active = Collections.newSetFromMap(new IdentityHashMap<>());

    PyLeads(PyText text, PyDefs defs, PyBindings bindings) {
        this.text = text;
        this.defs = defs;
        this.bindings = bindings;
    }

    /** Whether every value of {@code e} is a URL whose scheme and host are known. */
    boolean urlHostKnown(PyNode e) {
        for (Val v : leads(e, 0)) {
            Matcher m = URL.matcher(v.text());
            if (!m.find() || (!v.complete() && m.end() == v.text().length())) {
                return false;
            }
            String authority = m.group(2);
            if (authority.substring(authority.lastIndexOf('@') + 1).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Whether every value of {@code e} is a complete host name (with an optional port). */
    boolean bareHostKnown(PyNode e) {
        for (Val v : leads(e, 0)) {
            if (!v.complete() || !BARE_HOST.matcher(v.text().trim()).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A known URL value of {@code e} whose scheme is neither http nor https ({@code file:///etc/passwd}), or null. */
    String nonHttpUrl(PyNode e) {
        for (Val v : leads(e, 0)) {
            Matcher m = URL.matcher(v.text());
            if (m.find()) {
                String scheme = m.group(1).toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    return v.text();
                }
            } else if (v.text().toLowerCase(Locale.ROOT).startsWith("file:")) {
                return v.text();
            }
        }
        return null;
    }

    List<Val> leads(PyNode e, int depth) {
        if (e == null || e == PyDefs.UNKNOWN || depth > MAX_DEPTH) {
            return List.of(NOTHING_KNOWN);
        }
        switch (e.type) {
            case "string":
                return string(e, depth);
            case "concatenated_string": {
                List<Val> acc = List.of(new Val("", true));
                for (PyNode part : e.namedChildren()) {
                    acc = concat(acc, leads(part, depth + 1));
                }
                return acc;
            }
            case "binary_operator": {
                PyNode op = e.child("operator");
                String o = op == null ? "" : text.text(op);
                if (o.equals("+")) {
                    return concat(leads(e.child("left"), depth + 1), leads(e.child("right"), depth + 1));
                }
                if (!o.equals("%")) {
                    return List.of(NOTHING_KNOWN);
                }
                PyNode operand = e.child("right");
                List<PyNode> args =
                        operand == null ? List.of() : operand.is("tuple") ? operand.namedChildren() : List.of(operand);
                return templates.fill(leads(e.child("left"), depth + 1), args, Map.of(), true, depth);
            }
            case "parenthesized_expression": {
                List<PyNode> inner = e.namedChildren();
                return inner.size() == 1 ? leads(inner.get(0), depth + 1) : List.of(NOTHING_KNOWN);
            }
            case "conditional_expression": {
                List<PyNode> parts = e.namedChildren();
                return parts.size() == 3
                        ? union(leads(parts.get(0), depth + 1), leads(parts.get(2), depth + 1))
                        : List.of(NOTHING_KNOWN);
            }
            case "identifier":
            case "attribute":
                return name(e, depth);
            case "subscript":
                return elements(e.child("value"), false, depth + 1);
            case "call":
                return call(e, depth);
            default:
                return List.of(NOTHING_KNOWN);
        }
    }

    private List<Val> string(PyNode s, int depth) {
        List<Val> acc = List.of(new Val("", true));
        boolean raw = false;
        for (PyNode c : s.children) {
            switch (c.type) {
                case "string_start" -> {
                    String prefix = text.text(c).toLowerCase(Locale.ROOT);
                    if (prefix.indexOf('b') >= 0) {
                        return List.of(NOTHING_KNOWN);
                    }
                    raw = prefix.indexOf('r') >= 0;
                }
                case "string_content", "escape_sequence" -> {
                    String t = raw ? text.text(c) : PyText.unescape(text.text(c));
                    acc = concat(acc, List.of(new Val(t, true)));
                }
                case "interpolation" -> {
                    PyNode expr = c.child("expression");
                    acc = c.namedChildren().size() == 1
                            ? concat(acc, leads(expr, depth + 1))
                            : concat(acc, List.of(NOTHING_KNOWN));
                }
                default -> {}
            }
        }
        return acc;
    }

    private List<Val> name(PyNode e, int depth) {
        String key = defs.key(e);
        if (key == null) {
            return List.of(NOTHING_KNOWN);
        }
        if (!active.add(e)) {
            return List.of(NOTHING_KNOWN);
        }
        try {
            List<Val> out = new ArrayList<>();
            boolean any = false;
            if (e.is("identifier")) {
                PyNode fn = defs.functionWithParameter(e, key);
                if (fn != null) {
                    out = union(out, parameter(fn, key, depth + 1));
                    any = true;
                }
            }
            for (PyDefs.Def d : defs.defs(key)) {
                any = true;
                out = union(
                        out, d.element() ? elements(d.expr(), d.dictValues(), depth + 1) : leads(d.expr(), depth + 1));
            }
            return any ? out : List.of(NOTHING_KNOWN);
        } finally {
            active.remove(e);
        }
    }

    /** The items of a container expression (dict values when {@code dictValues}). */
    private List<Val> elements(PyNode e, boolean dictValues, int depth) {
        if (e == null || e == PyDefs.UNKNOWN || depth > MAX_DEPTH) {
            return List.of(NOTHING_KNOWN);
        }
        switch (e.type) {
            case "list", "tuple", "set": {
                List<Val> out = new ArrayList<>();
                for (PyNode item : e.namedChildren()) {
                    out = union(out, leads(item, depth + 1));
                }
                return out;
            }
            case "dictionary": {
                List<Val> out = new ArrayList<>();
                for (PyNode pair : e.namedChildren()) {
                    out = union(out, pair.is("pair") ? leads(pair.child("value"), depth + 1) : List.of(NOTHING_KNOWN));
                }
                return out;
            }
            case "list_comprehension", "generator_expression", "set_comprehension":
                return leads(e.child("body"), depth + 1);
            case "identifier", "attribute": {
                String key = defs.key(e);
                if (key == null || defs.isMutated(key) || !active.add(e)) {
                    return List.of(NOTHING_KNOWN);
                }
                try {
                    List<Val> out = new ArrayList<>();
                    List<PyDefs.Def> all = defs.defs(key);
                    for (PyDefs.Def d : all) {
                        out = union(
                                out, d.element() ? List.of(NOTHING_KNOWN) : elements(d.expr(), dictValues, depth + 1));
                    }
                    return all.isEmpty() ? List.of(NOTHING_KNOWN) : out;
                } finally {
                    active.remove(e);
                }
            }
            case "call": {
                PyNode fn = e.child("function");
                if (fn != null && fn.is("attribute") && fn.child("attribute") != null) {
                    String m = text.name(fn.child("attribute"));
                    if (m.equals("values") || m.equals("copy")) {
                        return elements(fn.child("object"), true, depth + 1);
                    }
                }
                return List.of(NOTHING_KNOWN);
            }
            default:
                return List.of(NOTHING_KNOWN);
        }
    }

    /** The values parameter {@code name} of {@code fn} receives at every call that can reach it. */
    private List<Val> parameter(PyNode fn, String name, int depth) {
        int index = defs.parameterIndex(fn, name);
        PyNode param = defs.parameters(fn).get(index);
        if (param.is("list_splat_pattern") || param.is("dictionary_splat_pattern")) {
            return List.of(NOTHING_KNOWN);
        }
        PyNode fallback = param.child("value");
        List<PyDefs.Site> sites = defs.sites(fn);
        if (sites == null) {
            return List.of(NOTHING_KNOWN);
        }
        List<Val> out = new ArrayList<>();
        for (PyDefs.Site site : sites) {
            if (site.elementsOf() != null) {
                out = union(
                        out,
                        index == site.shift() ? elements(site.elementsOf(), false, depth + 1) : List.of(NOTHING_KNOWN));
            } else if (site.argsTuple() != null) {
                List<PyNode> items = site.argsTuple() == PyDefs.UNKNOWN
                        ? List.of()
                        : site.argsTuple().namedChildren();
                int at = index - site.shift();
                out = union(
                        out,
                        at >= 0 && at < items.size()
                                ? leads(items.get(at), depth + 1)
                                : fallback != null ? leads(fallback, depth + 1) : List.of(NOTHING_KNOWN));
            } else {
                out = union(out, argument(site, index, name, fallback, depth));
            }
        }
        return out;
    }

    private List<Val> argument(PyDefs.Site site, int index, String name, PyNode fallback, int depth) {
        PyNode args = site.call().child("arguments");
        List<PyNode> positional = new ArrayList<>();
        PyNode keyword = null;
        for (PyNode a : args == null ? List.<PyNode>of() : args.namedChildren()) {
            if (a.is("list_splat") || a.is("dictionary_splat")) {
                return List.of(NOTHING_KNOWN);
            }
            if (a.is("keyword_argument")) {
                if (a.child("name") != null && text.name(a.child("name")).equals(name)) {
                    keyword = a.child("value");
                }
            } else {
                positional.add(a);
            }
        }
        int at = index - site.shift();
        if (keyword != null) {
            return leads(keyword, depth + 1);
        }
        if (at >= 0 && at < positional.size()) {
            return leads(positional.get(at), depth + 1);
        }
        return fallback != null ? leads(fallback, depth + 1) : List.of();
    }

    private List<Val> call(PyNode call, int depth) {
        PyNode fn = call.child("function");
        PyNode args = call.child("arguments");
        List<PyNode> a = args == null ? List.of() : args.namedChildren();
        if (fn != null && fn.is("identifier") && text.name(fn).equals("str") && a.size() == 1) {
            return leads(a.get(0), depth + 1);
        }
        if (fn != null && a.size() == 2 && bindings.qualified(fn).contains("urllib.parse.urljoin")) {
            return PyTemplates.joined(leads(a.get(0), depth + 1), leads(a.get(1), depth + 1));
        }
        if (fn == null || !fn.is("attribute") || fn.child("attribute") == null) {
            return List.of(NOTHING_KNOWN);
        }
        String method = text.name(fn.child("attribute"));
        PyNode receiver = fn.child("object");
        switch (method) {
            case "format": {
                List<PyNode> positional = new ArrayList<>();
                Map<String, PyNode> keywords = new HashMap<>();
                for (PyNode arg : a) {
                    if (arg.is("keyword_argument") && arg.child("name") != null) {
                        keywords.put(text.name(arg.child("name")), arg.child("value"));
                    } else if (arg.is("list_splat") || arg.is("dictionary_splat")) {
                        return cut(leads(receiver, depth + 1), '{');
                    } else {
                        positional.add(arg);
                    }
                }
                return templates.fill(leads(receiver, depth + 1), positional, keywords, false, depth);
            }
            case "strip", "lower", "rstrip":
                boolean plain = a.isEmpty()
                        || (method.equals("rstrip")
                                && a.size() == 1
                                && text.text(a.get(0)).matches("[\"']/[\"']"));
                return plain ? leads(receiver, depth + 1) : List.of(NOTHING_KNOWN);
            case "urljoin":
                return a.size() == 2
                        ? PyTemplates.joined(leads(a.get(0), depth + 1), leads(a.get(1), depth + 1))
                        : List.of(NOTHING_KNOWN);
            default:
                return List.of(NOTHING_KNOWN);
        }
    }

    static List<Val> cut(List<Val> vs, char at) {
        List<Val> out = new ArrayList<>();
        for (Val v : vs) {
            int i = v.text().indexOf(at);
            out.add(i < 0 ? v : new Val(v.text().substring(0, i), false));
        }
        return out;
    }

    static List<Val> incomplete(List<Val> vs) {
        return vs.stream().map(v -> new Val(v.text(), false)).toList();
    }

    static List<Val> concat(List<Val> left, List<Val> right) {
        List<Val> out = new ArrayList<>();
        for (Val l : left) {
            if (!l.complete()) {
                out.add(l);
                continue;
            }
            for (Val r : right) {
                out.add(l.concat(r));
            }
        }
        return out.size() > MAX_VALUES ? List.of(NOTHING_KNOWN) : dedupe(out);
    }

    static List<Val> union(List<Val> a, List<Val> b) {
        List<Val> out = new ArrayList<>(a);
        out.addAll(b);
        return out.size() > MAX_VALUES ? List.of(NOTHING_KNOWN) : dedupe(out);
    }

    private static List<Val> dedupe(List<Val> vs) {
        return vs.stream().distinct().toList();
    }
}
