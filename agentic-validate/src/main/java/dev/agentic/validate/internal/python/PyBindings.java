package dev.agentic.validate.internal.python;

import dev.agentic.validate.internal.python.PyText.Val;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each name in a program may stand for, collected flow-insensitively over the whole file (a name bound
 * in two places may be either): module and function aliases ({@code import os as o}, {@code e = eval}),
 * string constants and the strings held in container literals. Resolution is deliberately conservative:
 * a name always also stands for itself, so a builtin stays visible through any shadowing.
 * Not thread-safe; one per validation.
 */
final class PyBindings {
    static final int MAX_RESOLVE_DEPTH = 8;

    private final PyText text;
    private final Map<String, Set<String>> aliases = new HashMap<>();
    final Map<String, List<Val>> strings = new HashMap<>();
    final Map<String, List<Val>> containers = new HashMap<>();
    final Set<String> nonConstant = new HashSet<>();
    final Set<String> pathNames = new HashSet<>();
    private final PyValues values;
    /** Names bound by an import statement. */
    final Set<String> importedNames = new HashSet<>();
    /** What each name bound by an import statement stands for: {@code o} gives {@code os} after import os as o. */
    final Map<String, Set<String>> importTargets = new HashMap<>();

    PyBindings(PyText text) {
        this.text = text;
        this.values = new PyValues(text, this);
    }

    /** Walks the whole tree once (iteratively) and records every binding. */
    void collect(PyNode root) {
        Deque<PyNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            PyNode n = stack.pop();
            bind(n);
            for (int i = n.children.size() - 1; i >= 0; i--) {
                stack.push(n.children.get(i));
            }
        }
    }

    private void bind(PyNode n) {
        switch (n.type) {
            case "import_statement" -> {
                for (PyNode item : n.children("name")) {
                    if (item.is("aliased_import")) {
                        bindImport(text.name(item.child("alias")), dotted(item.child("name")));
                    } else {
                        String module = dotted(item);
                        String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
                        bindImport(top, top);
                    }
                }
            }
            case "import_from_statement" -> {
                PyNode module = n.child("module_name");
                if (module == null || !module.is("dotted_name")) {
                    return;
                }
                String m = dotted(module);
                for (PyNode item : n.children("name")) {
                    if (item.is("aliased_import")) {
                        bindImport(text.name(item.child("alias")), m + "." + dotted(item.child("name")));
                    } else {
                        String name = dotted(item);
                        bindImport(name, m + "." + name);
                    }
                }
            }
            case "assignment" -> bindTarget(n.child("left"), n.child("right"));
            case "named_expression" -> bindTarget(n.child("name"), n.child("value"));
            case "default_parameter", "typed_default_parameter" -> bindTarget(n.child("name"), n.child("value"));
            case "for_statement", "for_in_clause" -> bindIteration(n.child("left"), n.child("right"));
            case "augmented_assignment", "as_pattern_target" ->
                markUnknown(n.child("left") != null ? n.child("left") : n);
            case "parameters", "lambda_parameters" -> {
                for (PyNode p : n.namedChildren()) {
                    if (p.is("identifier")) {
                        nonConstant.add(text.name(p));
                    }
                }
            }
            default -> {}
        }
    }

    private void bindImport(String name, String qualified) {
        importedNames.add(name);
        importTargets.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(qualified);
        nonConstant.add(name);
        aliases.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(qualified);
    }

    private void bindTarget(PyNode left, PyNode right) {
        if (left == null) {
            return;
        }
        if (right != null
                && (left.is("pattern_list") || left.is("tuple_pattern") || left.is("list_pattern"))
                && (right.is("expression_list") || right.is("tuple") || right.is("list"))) {
            List<PyNode> ls = left.namedChildren();
            List<PyNode> rs = right.namedChildren();
            for (int i = 0; i < ls.size(); i++) {
                bindTarget(ls.get(i), i < rs.size() && ls.size() == rs.size() ? rs.get(i) : null);
            }
            return;
        }
        if (!left.is("identifier")) {
            markUnknown(left);
            return;
        }
        String name = text.name(left);
        if (right == null) {
            nonConstant.add(name);
            return;
        }
        if (isPathExpr(right)) {
            pathNames.add(name);
        }
        Set<String> q = qualified(right);
        if (!q.isEmpty()) {
            aliases.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(q);
        }
        if (right.is("list") || right.is("tuple") || right.is("set") || right.is("dictionary")) {
            containers.computeIfAbsent(name, k -> new ArrayList<>()).addAll(stringsIn(right));
            nonConstant.add(name);
            return;
        }
        List<Val> vs = values(right);
        if (vs.isEmpty()) {
            nonConstant.add(name);
        } else {
            strings.computeIfAbsent(name, k -> new ArrayList<>()).addAll(vs);
        }
    }

    private void bindIteration(PyNode left, PyNode right) {
        if (left == null || right == null) {
            return;
        }
        if (!left.is("identifier")) {
            markUnknown(left);
            return;
        }
        String name = text.name(left);
        List<Val> items = new ArrayList<>();
        boolean known = false;
        if (right.is("list") || right.is("tuple") || right.is("set")) {
            known = true;
            for (PyNode e : right.namedChildren()) {
                List<Val> v = values(e);
                if (v.isEmpty()) {
                    known = false;
                }
                items.addAll(v);
            }
        } else if (right.is("identifier")) {
            items.addAll(containers.getOrDefault(text.name(right), List.of()));
        }
        strings.computeIfAbsent(name, k -> new ArrayList<>()).addAll(items);
        if (!known) {
            nonConstant.add(name);
        }
    }

    private void markUnknown(PyNode target) {
        if (target == null) {
            return;
        }
        if (target.is("identifier")) {
            nonConstant.add(text.name(target));
        }
        for (PyNode c : target.children) {
            markUnknown(c);
        }
    }

    /** Dotted name text of a {@code dotted_name} node, each part NFKC-normalised. */
    String dotted(PyNode n) {
        if (n == null) {
            return "";
        }
        if (n.is("identifier")) {
            return text.name(n);
        }
        StringBuilder sb = new StringBuilder();
        for (PyNode part : n.namedChildren()) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(text.name(part));
        }
        return sb.toString();
    }

    /**
     * Qualified names an expression may evaluate to: {@code o.system} after {@code import os as o} is
     * {@code os.system}; a bare name is itself plus whatever it was bound to. Empty when not a name.
     */
    Set<String> qualified(PyNode expr) {
        return qualified(expr, 0);
    }

    Set<String> qualified(PyNode expr, int depth) {
        if (expr == null || depth > MAX_RESOLVE_DEPTH) {
            return Set.of();
        }
        switch (expr.type) {
            case "identifier":
                return resolveName(text.name(expr), depth);
            case "attribute": {
                PyNode attr = expr.child("attribute");
                if (attr == null) {
                    return Set.of();
                }
                String a = text.name(attr);
                Set<String> out = new LinkedHashSet<>();
                for (String base : qualified(expr.child("object"), depth + 1)) {
                    out.add(base + "." + a);
                }
                return out;
            }
            case "parenthesized_expression": {
                List<PyNode> inner = expr.namedChildren();
                return inner.size() == 1 ? qualified(inner.get(0), depth + 1) : Set.of();
            }
            case "conditional_expression", "boolean_operator": {
                Set<String> out = new LinkedHashSet<>();
                for (PyNode c : expr.namedChildren()) {
                    out.addAll(qualified(c, depth + 1));
                }
                return out;
            }
            case "call": {
                return callResult(expr, depth);
            }
            default:
                return Set.of();
        }
    }

    private Set<String> resolveName(String name, int depth) {
        Set<String> out = new LinkedHashSet<>();
        out.add(name);
        if (depth > MAX_RESOLVE_DEPTH) {
            return out;
        }
        for (String target : aliases.getOrDefault(name, Set.of())) {
            out.add(target);
            int dot = target.indexOf('.');
            String head = dot < 0 ? target : target.substring(0, dot);
            if (!head.equals(name) && aliases.containsKey(head)) {
                for (String h : resolveName(head, depth + 1)) {
                    out.add(h + target.substring(head.length()));
                }
            }
        }
        return out;
    }

    /** {@code getattr(os, "system")} is {@code os.system}; {@code __import__("os")} is {@code os}. */
    private Set<String> callResult(PyNode call, int depth) {
        PyNode args = call.child("arguments");
        if (args == null) {
            return Set.of();
        }
        List<PyNode> a = args.namedChildren();
        Set<String> fn = qualified(call.child("function"), depth + 1);
        Set<String> out = new LinkedHashSet<>();
        if ((fn.contains("getattr") || fn.contains("builtins.getattr")) && a.size() >= 2) {
            for (Val v : values(a.get(1))) {
                for (String base : qualified(a.get(0), depth + 1)) {
                    out.add(base + "." + v.text());
                }
            }
        }
        if ((fn.contains("__import__") || fn.contains("importlib.import_module")) && !a.isEmpty()) {
            for (Val v : values(a.get(0))) {
                out.add(v.text());
            }
        }
        return out;
    }

    /** See {@link PyValues#values}. */
    List<Val> values(PyNode expr) {
        return values.values(expr);
    }

    /** See {@link PyValues#fullyKnown}. */
    boolean fullyKnown(PyNode expr) {
        return values.fullyKnown(expr);
    }

    /** See {@link PyValues#stringsIn}. */
    List<Val> stringsIn(PyNode container) {
        return values.stringsIn(container);
    }

    /** See {@link PyValues#isPathExpr}. */
    boolean isPathExpr(PyNode expr) {
        return values.isPathExpr(expr);
    }

    /** Strings held by a name bound to a container literal. */
    List<Val> containerStrings(String name) {
        return containers.getOrDefault(name, List.of());
    }
}
