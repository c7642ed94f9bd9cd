package dev.agentic.validate.internal.python;

/**
 * The check pass: one recursive walk over the {@link PyNode} tree that applies the nesting rule and hands each
 * node to its check: imports to {@link PyImports}, names to {@link PyIdentifierCheck}, attributes to {@link
 * PyAttributeCheck}, calls to {@link PyCallCheck}, string literals to {@link PyFormatFields}, assignments to
 * {@link PyEffects} (and, under a gate policy, to {@link PyGate}).
 * Not thread-safe; one per validation.
 */
final class PyChecker {
    private final PyText text;
    private final PyBindings bindings;
    private final PyPolicy policy;
    private final PyEffects effects;
    private final PyEffects.Reporter reporter;
    private final PyFormatFields formatFields;
    /** Gate policies' rules, or null under a lint policy. */
    private final PyGate gate;

    private final PyIdentifierCheck identifiers;
    private final PyAttributeCheck attributes;
    private final PyCallCheck calls;

    private int nesting;
    private boolean nestingReported;

    PyChecker(PyText text, PyBindings bindings, PyPolicy policy, PyEffects.Reporter reporter, PyNode root) {
        this.text = text;
        this.bindings = bindings;
        this.policy = policy;
        this.reporter = reporter;
        this.effects = new PyEffects(text, bindings, policy, reporter);
        this.formatFields = new PyFormatFields(text, bindings, reporter);
        this.gate = policy.policy.isGate() ? new PyGate(text, bindings, policy, reporter, root) : null;
        PyDeniedNames denied = new PyDeniedNames(text, bindings, policy);
        this.identifiers = new PyIdentifierCheck(text, bindings, policy, reporter, gate);
        this.attributes = new PyAttributeCheck(text, bindings, reporter, denied, gate);
        this.calls = new PyCallCheck(text, bindings, policy, reporter, effects, formatFields, denied, gate);
    }

    void visit(PyNode n) {
        boolean nests = nests(n.type);
        if (nests && ++nesting > policy.policy.maxNestingDepth() && !nestingReported) {
            nestingReported = true;
            reporter.report(
                    PyRules.NESTING_DEPTH,
                    true,
                    "nesting is deeper than " + policy.policy.maxNestingDepth()
                            + " levels; split the code into smaller functions",
                    n);
        }
        switch (n.type) {
            case "import_statement", "import_from_statement" -> {
                PyImports.check(n, text, bindings, policy, reporter);
                if (nests) {
                    nesting--;
                }
                return;
            }
            case "identifier" -> identifiers.check(n);
            case "attribute" -> attributes.check(n);
            case "call" -> calls.check(n);
            case "string" -> formatFields.checkLiteral(n);
            case "assignment" -> {
                effects.checkAssignment(n);
                if (gate != null) {
                    gate.onAssignment(n);
                }
            }
            case "type" -> {
                if (gate != null) {
                    gate.onAnnotation(n);
                }
            }
            case "exec_statement" ->
                reporter.report(
                        PyRules.DENIED_CALL, true, "exec runs code built at run time; write the code directly", n);
            default -> {}
        }
        for (PyNode c : n.children) {
            visit(c);
        }
        if (nests) {
            nesting--;
        }
    }

    /** Node types that add a nesting level (a string switch: cheaper per node than a set lookup). */
    private static boolean nests(String type) {
        return switch (type) {
            case "if_statement",
                    "for_statement",
                    "while_statement",
                    "try_statement",
                    "with_statement",
                    "function_definition",
                    "class_definition",
                    "match_statement",
                    "lambda",
                    "argument_list",
                    "list",
                    "dictionary",
                    "set",
                    "tuple",
                    "parenthesized_expression",
                    "subscript",
                    "list_comprehension",
                    "dictionary_comprehension",
                    "set_comprehension",
                    "generator_expression" -> true;
            default -> false;
        };
    }
}
