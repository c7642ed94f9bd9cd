package dev.agentic.validate.internal.python;

import dev.agentic.validate.internal.python.PyText.Val;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks on a call: getattr-style access by computed or denied names, member listings of modules,
 * attribute getters, {@code type(lambda ...)} and format templates; then the call goes on to {@link PyEffects}
 * and, under a gate policy, {@link PyGate}. Not thread-safe; one per validation.
 */
final class PyCallCheck {
    private static final Set<String> ATTRIBUTE_FUNCTIONS =
            Set.of("getattr", "setattr", "delattr", "hasattr", "inspect.getattr_static");
    /** Calls returning every attribute of their argument, as {@code vars(module)} does. */
    private static final Set<String> MEMBER_LISTINGS = Set.of("inspect.getmembers", "inspect.getmembers_static");
    /** Methods that fill a format template's replacement fields from their arguments (checked for traversal). */
    private static final Set<String> FORMAT_METHODS = Set.of("format", "format_map", "vformat");

    private static final Set<String> GETTER_FACTORIES = Set.of("operator.attrgetter", "operator.methodcaller");
    private final PyText text;
    private final PyBindings bindings;
    private final PyPolicy policy;
    private final PyEffects.Reporter reporter;
    private final PyEffects effects;
    private final PyFormatFields formatFields;
    private final PyDeniedNames denied;
    /** Gate policies' rules, or null under a lint policy. */
    private final PyGate gate;

    PyCallCheck(
            PyText text,
            PyBindings bindings,
            PyPolicy policy,
            PyEffects.Reporter reporter,
            PyEffects effects,
            PyFormatFields formatFields,
            PyDeniedNames denied,
            PyGate gate) {
        this.text = text;
        this.bindings = bindings;
        this.policy = policy;
        this.reporter = reporter;
        this.effects = effects;
        this.formatFields = formatFields;
        this.denied = denied;
        this.gate = gate;
    }

    /** Checks call node {@code call}, then hands it to the effects and, under a gate policy, the gate. */
    void check(PyNode call) {
        PyNode fn = call.child("function");
        PyNode argList = call.child("arguments");
        List<PyNode> positional = new ArrayList<>();
        Map<String, PyNode> keywords = new LinkedHashMap<>();
        PyNode splat = null;
        if (argList != null && argList.is("argument_list")) {
            for (PyNode a : argList.namedChildren()) {
                if (a.is("keyword_argument")) {
                    if (a.child("name") != null && a.child("value") != null) {
                        keywords.put(text.name(a.child("name")), a.child("value"));
                    }
                } else if (!a.is("list_splat") && !a.is("dictionary_splat")) {
                    positional.add(a);
                } else if (splat == null) {
                    splat = a;
                }
            }
        }
        Set<String> names = bindings.qualified(fn);
        for (String q : names) {
            String b = q.startsWith(PyRules.BUILTINS_PREFIX) ? q.substring(PyRules.BUILTINS_PREFIX.length()) : q;
            if (PyRules.ATTRIBUTE_FUNCTIONS.contains(b) && positional.size() >= 2) {
                checkAttributeName(b, positional.get(0), positional.get(1));
                break;
            }
            if (PyRules.ATTRIBUTE_FUNCTIONS.contains(b) && splat != null && !b.equals("hasattr")) {
                reporter.report(
                        PyRules.DYNAMIC_ATTRIBUTE,
                        true,
                        b + " with unpacked arguments hides which "
                                + "attribute it reaches; access the attribute directly (obj.name)",
                        splat);
                break;
            }
            if (MEMBER_LISTINGS.contains(b) && !positional.isEmpty() && denied.rootImported(positional.get(0))) {
                reporter.report(
                        PyRules.DYNAMIC_ATTRIBUTE,
                        true,
                        b + " on a module hands out every function in it "
                                + "by name; call the functions you need directly",
                        positional.get(0));
                break;
            }
            if (GETTER_FACTORIES.contains(b)) {
                for (PyNode a : positional) {
                    checkAttributeName(b, null, a);
                }
                break;
            }
            if (b.equals("type") && positional.size() == 1 && positional.get(0).is("lambda")) {
                reporter.report(
                        PyRules.DENIED_CALL,
                        true,
                        "type(lambda ...) builds function objects from code; " + "define functions with def",
                        call);
                break;
            }
        }
        if (fn != null
                && fn.is("attribute")
                && fn.child("attribute") != null
                && FORMAT_METHODS.contains(text.name(fn.child("attribute")))) {
            formatFields.checkFolded(fn.child("object"));
            if (!positional.isEmpty()) {
                formatFields.checkFolded(positional.get(0));
            }
        }
        effects.checkCall(call, names, positional, keywords);
        if (gate != null) {
            gate.onCall(call, names, positional, keywords);
        }
    }

    /** getattr-style access: a literal name is checked; a computed one is reported. */
    private void checkAttributeName(String function, PyNode object, PyNode nameExpr) {
        boolean plainLiteral = nameExpr.is("string");
        List<Val> values = bindings.values(nameExpr);
        boolean known = bindings.fullyKnown(nameExpr);
        if (!plainLiteral && !nameExpr.is("identifier") && !values.isEmpty() && !isLiteralChoice(nameExpr)) {
            reporter.report(
                    PyRules.STRING_BUILT_NAME,
                    true,
                    function + " with an attribute name built from "
                            + "strings hides what is accessed; write the attribute directly (obj.name)",
                    nameExpr);
        }
        if (!known && !function.equals("hasattr")) {
            reporter.report(
                    PyRules.DYNAMIC_ATTRIBUTE,
                    true,
                    function + " with a computed attribute name can "
                            + "reach anything; access the attribute directly or look it up in a dict you define",
                    nameExpr);
        }
        if (gate != null && object != null) {
            gate.onGetattr(object, values);
        }
        for (Val v : values) {
            for (String part : v.text().split("\\.")) {
                if (PyRules.ESCAPE_ATTRIBUTES.contains(part) || PyRules.ESCAPE_NAMES.contains(part)) {
                    reporter.report(
                            PyRules.DUNDER_ACCESS,
                            true,
                            function + " reaches attribute " + part
                                    + " (a sandbox-escape pattern); use public APIs instead",
                            nameExpr);
                    return;
                }
            }
            String[] parts = v.text().split("\\.");
            String reachable = policy.deniedCallEndingWith(parts[parts.length - 1]);
            if (reachable != null && (object == null || !resolvedSafely(object))) {
                reporter.report(
                        PyRules.DENIED_CALL,
                        true,
                        function + "(..., '" + v.text() + "') may reach " + reachable
                                + ", which is denied; call what you need directly on a module you imported",
                        nameExpr);
                return;
            }
            if (object != null) {
                for (String base : bindings.qualified(object)) {
                    String problem = denied.deniedName(base + "." + v.text(), true);
                    if (problem != null && problem.startsWith("call:")) {
                        reporter.report(
                                PyRules.DENIED_CALL,
                                true,
                                PyDeniedNames.describeDenied(
                                        problem.substring(5), function + "(..., '" + v.text() + "')"),
                                nameExpr);
                        return;
                    }
                }
            }
        }
    }

    /** {@code "a" if x else "b"}: a choice between whole literals, not a name built from pieces. */
    private static boolean isLiteralChoice(PyNode e) {
        if (e.is("string") || e.is("identifier")) {
            return true;
        }
        if (e.is("parenthesized_expression") && e.namedChildren().size() == 1) {
            return isLiteralChoice(e.namedChildren().get(0));
        }
        if (!e.is("conditional_expression") || e.namedChildren().size() != 3) {
            return false;
        }
        return isLiteralChoice(e.namedChildren().get(0))
                && isLiteralChoice(e.namedChildren().get(2));
    }

    /** Whether {@code object} is a name bound by an import, so getattr on it was resolved exactly. */
    private boolean resolvedSafely(PyNode object) {
        return object.is("identifier") && bindings.importedNames.contains(text.name(object));
    }
}
