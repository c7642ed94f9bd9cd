package dev.agentic.validate.internal.python;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every place a name gets a value, for the gate rules that must know all of them (unlike {@link PyBindings},
 * which keeps only the values it can fold and so may miss one): assignments, loop targets, parameters with
 * the calls that pass them, attributes of {@code self}, and the containers a program changes after building
 * them. Flow- and scope-insensitive: a name assigned anywhere in the file may hold any of its values
 * everywhere, which only makes the gate more cautious. Not thread-safe; one per validation.
 */
final class PyDefs {
    /** Stands for a value the analysis cannot see (an import, {@code +=}, a {@code with} target, ...). */
    static final PyNode UNKNOWN = new PyNode("<unknown>", null, 0, 0, 0, 0, false, null);

    /** How a name got one of its values: the expression, or for a loop target the iterable it takes items of. */
    record Def(PyNode expr, boolean element, boolean dictValues) {}

    /** A call that may pass arguments to a function of this file: directly or through map/submit/Thread. */
    record Site(PyNode call, int shift, PyNode elementsOf, PyNode argsTuple) {}

    private final PyText text;
    private final Map<String, List<Def>> defs = new HashMap<>();
    private final Map<String, List<PyNode>> functions = new HashMap<>();
    private final Map<String, List<PyNode>> classes = new HashMap<>();
    private final Map<String, List<PyNode>> uses = new HashMap<>();
    private final Set<String> mutated = new HashSet<>();

    private static final Set<String> MUTATORS =
            Set.of("append", "extend", "insert", "update", "setdefault", "add", "__setitem__", "__iadd__");
    private static final Set<String> INDIRECT_CALLERS =
            Set.of("map", "submit", "to_thread", "run_in_executor", "apply_async", "imap", "imap_unordered");

    PyDefs(PyText text) {
        this.text = text;
    }

    void collect(PyNode root) {
        Deque<PyNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            PyNode n = stack.pop();
            index(n);
            for (int i = n.children.size() - 1; i >= 0; i--) {
                stack.push(n.children.get(i));
            }
        }
    }

    private void index(PyNode n) {
        switch (n.type) {
            case "assignment", "named_expression" -> {
                PyNode left = n.child(n.is("assignment") ? "left" : "name");
                PyNode right = n.child(n.is("assignment") ? "right" : "value");
                bind(left, right);
            }
            case "augmented_assignment" -> bind(n.child("left"), UNKNOWN);
            case "for_statement", "for_in_clause" -> bindLoop(n.child("left"), n.child("right"));
            case "as_pattern" -> {
                // with requests.Session() as s: s is what the expression gives (its __enter__ is itself)
                PyNode target = n.child("alias");
                List<PyNode> named = n.namedChildren();
                if (target != null && !named.isEmpty()) {
                    for (PyNode c : target.namedChildren()) {
                        bind(c, named.get(0) == target ? UNKNOWN : named.get(0));
                    }
                }
            }
            case "global_statement", "nonlocal_statement" -> {
                for (PyNode c : n.namedChildren()) {
                    bind(c, UNKNOWN);
                }
            }
            case "import_statement", "import_from_statement" -> {
                for (PyNode item : n.children("name")) {
                    PyNode alias = item.is("aliased_import") ? item.child("alias") : item;
                    String name =
                            alias.is("dotted_name") && !alias.namedChildren().isEmpty()
                                    ? text.name(alias.namedChildren().get(0))
                                    : text.name(alias);
                    add(name, UNKNOWN, false, false);
                }
            }
            case "function_definition", "class_definition" -> {
                PyNode name = n.child("name");
                if (name != null) {
                    add(text.name(name), UNKNOWN, false, false);
                    (n.is("function_definition") ? functions : classes)
                            .computeIfAbsent(text.name(name), k -> new ArrayList<>())
                            .add(n);
                }
            }
            case "identifier" -> {
                if (!(n.parent != null && n.parent.is("function_definition") && "name".equals(n.field))) {
                    uses.computeIfAbsent(text.name(n), k -> new ArrayList<>()).add(n);
                }
            }
            case "call" -> {
                PyNode fn = n.child("function");
                if (fn != null && fn.is("attribute") && fn.child("attribute") != null) {
                    String method = text.name(fn.child("attribute"));
                    if (MUTATORS.contains(method)) {
                        mutated.add(key(fn.child("object")));
                    }
                }
            }
            default -> {}
        }
    }

    private void bind(PyNode left, PyNode right) {
        if (left == null) {
            return;
        }
        if (left.is("identifier") || isSelfAttribute(left)) {
            add(key(left), right == null ? UNKNOWN : right, false, false);
        } else if (left.is("subscript") && left.child("value") != null) {
            mutated.add(key(left.child("value")));
        } else if (left.is("pattern_list") || left.is("tuple_pattern") || left.is("list_pattern")) {
            List<PyNode> ls = left.namedChildren();
            List<PyNode> rs = right == null ? List.of() : right.namedChildren();
            boolean paired = right != null
                    && (right.is("expression_list") || right.is("tuple") || right.is("list"))
                    && rs.size() == ls.size();
            for (int i = 0; i < ls.size(); i++) {
                bind(ls.get(i), paired ? rs.get(i) : UNKNOWN);
            }
        } else {
            for (PyNode c : left.namedChildren()) {
                bind(c, UNKNOWN);
            }
        }
    }

    /** {@code for x in items}: x takes the items; {@code for k, v in d.items()}: v takes the dict's values. */
    private void bindLoop(PyNode left, PyNode right) {
        if (left == null || right == null) {
            return;
        }
        if (left.is("identifier")) {
            add(text.name(left), right, true, false);
            return;
        }
        List<PyNode> ls = left.namedChildren();
        PyNode fn = right.is("call") ? right.child("function") : null;
        boolean items = fn != null
                && fn.is("attribute")
                && fn.child("attribute") != null
                && text.name(fn.child("attribute")).equals("items");
        for (int i = 0; i < ls.size(); i++) {
            if (items && ls.size() == 2 && i == 1 && ls.get(i).is("identifier")) {
                add(text.name(ls.get(i)), fn.child("object"), true, true);
            } else {
                bind(ls.get(i), UNKNOWN);
            }
        }
    }

    private void add(String name, PyNode expr, boolean element, boolean dictValues) {
        if (name != null) {
            defs.computeIfAbsent(name, k -> new ArrayList<>()).add(new Def(expr, element, dictValues));
        }
    }

    /** {@code self.base_url} (also {@code cls.}): an attribute the gate follows like a variable. */
    boolean isSelfAttribute(PyNode n) {
        PyNode object = n.is("attribute") ? n.child("object") : null;
        return object != null
                && object.is("identifier")
                && (text.name(object).equals("self") || text.name(object).equals("cls"))
                && n.child("attribute") != null;
    }

    /** The key a name or {@code self.x} attribute is indexed under; null for other expressions. */
    String key(PyNode n) {
        if (n == null) {
            return null;
        }
        if (n.is("identifier")) {
            return text.name(n);
        }
        return isSelfAttribute(n) ? "self." + text.name(n.child("attribute")) : null;
    }

    /** Every value {@code key} is given in the file; for {@code self.x} also the class-level {@code x = ...}. */
    List<Def> defs(String key) {
        List<Def> out = new ArrayList<>(defs.getOrDefault(key, List.of()));
        if (key.startsWith("self.")) {
            out.addAll(defs.getOrDefault(key.substring(5), List.of()));
        }
        return out;
    }

    /** Whether the container bound to {@code key} is changed after it is built ({@code urls.append(x)}). */
    boolean isMutated(String key) {
        return mutated.contains(key);
    }

    /** The innermost function enclosing {@code at} that has a parameter {@code name}, or null. */
    PyNode functionWithParameter(PyNode at, String name) {
        for (PyNode p = at.parent; p != null; p = p.parent) {
            if ((p.is("function_definition") || p.is("lambda")) && parameterIndex(p, name) >= 0) {
                return p;
            }
        }
        return null;
    }

    /** The position of parameter {@code name} in {@code fn}'s parameter list, or -1. */
    int parameterIndex(PyNode fn, String name) {
        List<PyNode> params = parameters(fn);
        for (int i = 0; i < params.size(); i++) {
            PyNode id = parameterName(params.get(i));
            if (id != null && text.name(id).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    List<PyNode> parameters(PyNode fn) {
        PyNode params = fn.child("parameters");
        return params == null ? List.of() : params.namedChildren();
    }

    PyNode parameterName(PyNode param) {
        if (param.is("identifier")) {
            return param;
        }
        PyNode name = param.child("name");
        if (name != null) {
            return name;
        }
        List<PyNode> named = param.namedChildren();
        return !named.isEmpty() && named.get(0).is("identifier") ? named.get(0) : null;
    }

    /** Whether {@code fn} is a method: defined in a class body with a first parameter self or cls. */
    boolean isMethod(PyNode fn) {
        PyNode p = fn.parent;
        while (p != null && (p.is("block") || p.is("decorated_definition"))) {
            p = p.parent;
        }
        List<PyNode> params = parameters(fn);
        PyNode first = params.isEmpty() ? null : parameterName(params.get(0));
        return p != null
                && p.is("class_definition")
                && first != null
                && (text.name(first).equals("self") || text.name(first).equals("cls"));
    }

    /**
     * Every call that may pass arguments to the function {@code fn}, or null when the function is also used in
     * a way the gate cannot follow (kept in a list, passed to an unknown function, named twice): then its
     * parameters can hold anything.
     */
    List<Site> sites(PyNode fn) {
        if (fn.is("lambda")) {
            return null;
        }
        String name = text.name(fn.child("name"));
        if (name.equals("__init__") && isMethod(fn)) {
            return constructorSites(fn);
        }
        if (functions.getOrDefault(name, List.of()).size() != 1) {
            return null;
        }
        List<Site> out = new ArrayList<>();
        for (PyNode use : uses.getOrDefault(name, List.of())) {
            PyNode ref = use.parent != null && use.parent.is("attribute") && "attribute".equals(use.field)
                    ? use.parent
                    : use;
            if (use.parent != null && use.parent.is("attribute") && "object".equals(use.field)) {
                return null;
            }
            PyNode parent = ref.parent;
            if (parent != null && parent.is("call") && "function".equals(ref.field)) {
                out.add(new Site(parent, ref.is("attribute") && isMethod(fn) ? 1 : 0, null, null));
                continue;
            }
            if (parent != null && parent.is("decorator")) {
                continue;
            }
            Site indirect = indirect(ref, ref.is("attribute") && isMethod(fn) ? 1 : 0);
            if (indirect == null) {
                return null;
            }
            out.add(indirect);
        }
        return out;
    }

    /**
     * The calls that construct the class whose {@code __init__} is {@code init}: {@code Client(token)}. Null when
     * the class is also subclassed, built through {@code cls(...)}, or used as a value.
     */
    private List<Site> constructorSites(PyNode init) {
        PyNode cls = init.parent;
        while (cls != null && !cls.is("class_definition")) {
            cls = cls.parent;
        }
        if (cls == null || cls.child("name") == null) {
            return null;
        }
        String name = text.name(cls.child("name"));
        if (classes.getOrDefault(name, List.of()).size() != 1 || buildsThroughCls(cls)) {
            return null;
        }
        List<Site> out = new ArrayList<>();
        for (PyNode use : uses.getOrDefault(name, List.of())) {
            PyNode parent = use.parent;
            if (parent != null && parent.is("class_definition") && "name".equals(use.field)) {
                continue;
            }
            if (parent != null && parent.is("call") && "function".equals(use.field)) {
                out.add(new Site(parent, 1, null, null));
            } else if (!inAnnotation(use)
                    && !(parent != null && parent.is("attribute") && "object".equals(use.field))) {
                return null;
            }
        }
        return out;
    }

    private boolean buildsThroughCls(PyNode cls) {
        Deque<PyNode> stack = new ArrayDeque<>(List.of(cls));
        while (!stack.isEmpty()) {
            PyNode n = stack.pop();
            PyNode fn = n.is("call") ? n.child("function") : null;
            if (fn != null && (fn.is("identifier") && text.name(fn).equals("cls") || fn.is("call"))) {
                return true;
            }
            n.children.forEach(stack::push);
        }
        return false;
    }

    private static boolean inAnnotation(PyNode n) {
        for (PyNode p = n.parent; p != null; p = p.parent) {
            if (p.is("type")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code map(f, items)}, {@code pool.submit(f, a)}, {@code Thread(target=f, args=(a,))}; null otherwise.
     * Parameter {@code i} of the function takes argument {@code i - shift} (of the tuple for Thread, of the
     * call's arguments for submit); for map, parameter {@code shift} takes the items.
     */
    private Site indirect(PyNode ref, int methodShift) {
        PyNode parent = ref.parent;
        if (parent != null && parent.is("keyword_argument") && "value".equals(ref.field)) {
            PyNode kw = parent.child("name");
            PyNode call = parent.parent == null ? null : parent.parent.parent;
            if (kw != null && text.name(kw).equals("target") && call != null && call.is("call")) {
                PyNode args = null;
                for (PyNode a : parent.parent.namedChildren()) {
                    if (a.is("keyword_argument")
                            && a.child("name") != null
                            && text.name(a.child("name")).equals("args")) {
                        args = a.child("value");
                    }
                }
                return new Site(call, methodShift, null, args == null ? UNKNOWN : args);
            }
            return null;
        }
        if (parent == null || !parent.is("argument_list") || parent.parent == null) {
            return null;
        }
        PyNode call = parent.parent;
        PyNode fn = call.child("function");
        String method = fn == null
                ? ""
                : fn.is("identifier") ? text.name(fn) : fn.is("attribute") ? text.name(fn.child("attribute")) : "";
        List<PyNode> args = parent.namedChildren();
        int at = args.indexOf(ref);
        if (!INDIRECT_CALLERS.contains(method)) {
            return null;
        }
        int fnIndex = method.equals("run_in_executor") ? 1 : 0;
        if (at != fnIndex) {
            return null;
        }
        boolean mapping = method.equals("map") || method.startsWith("imap");
        if (mapping) {
            return new Site(call, methodShift, args.size() == fnIndex + 2 ? args.get(fnIndex + 1) : UNKNOWN, null);
        }
        return new Site(call, methodShift - (fnIndex + 1), null, null);
    }
}
