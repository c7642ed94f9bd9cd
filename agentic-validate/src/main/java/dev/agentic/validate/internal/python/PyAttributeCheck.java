package dev.agentic.validate.internal.python;

/**
 * The checks on an attribute access: attributes that reach interpreter internals, methods that start
 * processes, and attribute chains that lead to a denied call or module. Not thread-safe; one per validation.
 */
final class PyAttributeCheck {
    private final PyText text;
    private final PyBindings bindings;
    private final PyEffects.Reporter reporter;
    private final PyDeniedNames denied;
    /** Gate policies' rules, or null under a lint policy. */
    private final PyGate gate;

    PyAttributeCheck(PyText text, PyBindings bindings, PyEffects.Reporter reporter, PyDeniedNames denied, PyGate gate) {
        this.text = text;
        this.bindings = bindings;
        this.reporter = reporter;
        this.denied = denied;
        this.gate = gate;
    }

    /** Checks attribute node {@code n} ({@code object.attribute}). */
    void check(PyNode n) {
        PyNode attr = n.child("attribute");
        if (attr == null) {
            return;
        }
        String a = text.name(attr);
        if (PyRules.ESCAPE_ATTRIBUTES.contains(a) && !namesItsType(n, a)) {
            reporter.report(
                    PyRules.DUNDER_ACCESS,
                    true,
                    "attribute " + a + " reaches interpreter internals "
                            + "(a sandbox-escape pattern); "
                            + (a.equals("__class__")
                                    ? "use type(obj) instead"
                                    : a.equals("__dict__")
                                            ? "read the attributes you need by name"
                                            : "use public APIs instead"),
                    attr);
        }
        if (PyRules.DENIED_METHODS.contains(a)) {
            reporter.report(PyRules.DENIED_CALL, true, a + " starts a process; do the work in Python instead", attr);
        }
        if (n.parent != null && n.parent.is("attribute") && "object".equals(n.field)) {
            return;
        }
        if (gate != null) {
            gate.onAttribute(n);
        }
        String literal = chainText(n);
        for (String q : bindings.qualified(n)) {
            String problem = denied.deniedName(q, !q.equals(literal) || denied.rootImported(n));
            if (problem != null) {
                boolean call = problem.startsWith("call:");
                reporter.report(
                        call ? PyRules.DENIED_CALL : PyRules.DENIED_IMPORT,
                        true,
                        call
                                ? PyDeniedNames.describeDenied(problem.substring(5), literal)
                                : literal + " reaches " + problem + ", a denied module; use an allowed library instead",
                        attr);
                return;
            }
        }
    }
    /**
     * {@code obj.__class__.__name__} (also {@code __qualname__}, {@code __module__}) only names a type, as in
     * everyday {@code __repr__} code: it reaches nothing {@code type(obj).__name__} does not, and every step
     * further into the type ({@code __bases__}, {@code __mro__}, {@code __subclasses__}, …) is still flagged.
     */
    private boolean namesItsType(PyNode n, String attribute) {
        if (!attribute.equals("__class__")
                || n.parent == null
                || !n.parent.is("attribute")
                || !"object".equals(n.field)) {
            return false;
        }
        PyNode next = n.parent.child("attribute");
        return next != null && PyRules.TYPE_NAME_ATTRIBUTES.contains(text.name(next));
    }

    private String chainText(PyNode n) {
        if (n.is("identifier")) {
            return text.name(n);
        }
        if (n.is("attribute") && n.child("object") != null && n.child("attribute") != null) {
            return chainText(n.child("object")) + "." + text.name(n.child("attribute"));
        }
        return "(...)";
    }
}
