package dev.agentic.validate.internal.python;

import java.util.Map;
import java.util.Set;

/**
 * The checks on a bare name: names that expose interpreter internals, denied functions (also passed as values,
 * {@code map(getattr, ...)}) and names bound to denied modules. A function's own parameter shadows a builtin
 * of the same name. Not thread-safe; one per validation.
 */
final class PyIdentifierCheck {
    /** Parents (with the field the identifier sits in, or "*") where an identifier is a declaration, not a use. */
    private static final Map<String, String> DECLARATIONS = Map.ofEntries(
            Map.entry("function_definition", "name"),
            Map.entry("class_definition", "name"),
            Map.entry("parameters", "*"),
            Map.entry("lambda_parameters", "*"),
            Map.entry("default_parameter", "name"),
            Map.entry("typed_default_parameter", "name"),
            Map.entry("typed_parameter", "*"),
            Map.entry("list_splat_pattern", "*"),
            Map.entry("dictionary_splat_pattern", "*"),
            Map.entry("keyword_argument", "name"),
            Map.entry("keyword_pattern", "*"),
            Map.entry("global_statement", "*"),
            Map.entry("nonlocal_statement", "*"),
            Map.entry("assignment", "left"),
            Map.entry("for_statement", "left"),
            Map.entry("for_in_clause", "left"),
            Map.entry("named_expression", "name"),
            Map.entry("as_pattern_target", "*"),
            Map.entry("pattern_list", "*"),
            Map.entry("tuple_pattern", "*"),
            Map.entry("list_pattern", "*"),
            Map.entry("aliased_import", "*"),
            Map.entry("dotted_name", "*"));

    private final PyText text;
    private final PyBindings bindings;
    private final PyPolicy policy;
    private final PyEffects.Reporter reporter;
    /** Gate policies' rules, or null under a lint policy. */
    private final PyGate gate;

    PyIdentifierCheck(PyText text, PyBindings bindings, PyPolicy policy, PyEffects.Reporter reporter, PyGate gate) {
        this.text = text;
        this.bindings = bindings;
        this.policy = policy;
        this.reporter = reporter;
        this.gate = gate;
    }

    /** Checks identifier {@code n} where it is a use, not a declaration. */
    void check(PyNode n) {
        if (n.parent != null) {
            String field = DECLARATIONS.get(n.parent.type);
            if (field != null && (field.equals("*") || field.equals(n.field))) {
                return;
            }
            if (n.parent.is("attribute") && "attribute".equals(n.field)) {
                return;
            }
        }
        String name = text.name(n);
        if (PyRules.ESCAPE_NAMES.contains(name)) {
            reporter.report(
                    PyRules.DUNDER_ACCESS,
                    true,
                    name + " exposes interpreter internals; " + "use the builtins and modules directly",
                    n);
            return;
        }
        if (gate != null) {
            gate.onIdentifier(n);
        }
        Set<String> qualified = bindings.qualified(n);
        if (isPassedAsValue(n)) {
            for (String q : qualified) {
                String b = q.startsWith(PyRules.BUILTINS_PREFIX) ? q.substring(PyRules.BUILTINS_PREFIX.length()) : q;
                if (PyRules.ATTRIBUTE_FUNCTIONS.contains(b) && !b.equals("hasattr") && !isParameter(name, n)) {
                    reporter.report(
                            PyRules.DYNAMIC_ATTRIBUTE,
                            true,
                            b + " passed as a value (to map, reduce, "
                                    + "partial, ...) reads attributes whose names are data; access the attributes directly",
                            n);
                    break;
                }
            }
        }
        for (String q : qualified) {
            if (policy.isDeniedCall(q)) {
                if (q.equals(name) && isParameter(name, n)) {
                    return;
                }
                reporter.report(PyRules.DENIED_CALL, true, PyDeniedNames.describeDenied(q, name), n);
                return;
            }
            if (!q.equals(name) && policy.deniedModule(q) != null) {
                reporter.report(
                        PyRules.DENIED_IMPORT,
                        true,
                        name + " refers to " + policy.deniedModule(q)
                                + ", a denied module; use an allowed library instead",
                        n);
                return;
            }
        }
    }

    /** An argument, a keyword argument's value or a container item: a function used as data, not called. */
    private static boolean isPassedAsValue(PyNode n) {
        PyNode p = n.parent;
        return p != null
                && (p.is("argument_list")
                        || p.is("list")
                        || p.is("tuple")
                        || p.is("set")
                        || (p.is("keyword_argument") && "value".equals(n.field))
                        || (p.is("pair") && "value".equals(n.field)));
    }

    /**
     * Whether {@code name} is a parameter of a function or lambda enclosing {@code use}: then it is not the
     * builtin ({@code def render(template, vars)}). Default values are checked where they are written.
     */
    private boolean isParameter(String name, PyNode use) {
        PyNode from = use;
        for (PyNode p = use.parent; p != null; from = p, p = p.parent) {
            if (!p.is("function_definition") && !p.is("lambda")) {
                continue;
            }
            PyNode params = p.child("parameters");
            if (params == null || params == from) {
                continue;
            }
            for (PyNode param : params.namedChildren()) {
                PyNode id = param.is("identifier") ? param : param.child("name");
                if (id == null && !param.namedChildren().isEmpty()) {
                    id = param.namedChildren().get(0);
                }
                if (id != null && id.is("identifier") && text.name(id).equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
