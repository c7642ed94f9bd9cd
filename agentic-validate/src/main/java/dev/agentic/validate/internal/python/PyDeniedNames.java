package dev.agentic.validate.internal.python;

import java.util.Arrays;

/**
 * Finds denied calls and modules behind a qualified name (also behind its suffixes, for names reached through
 * an imported module's attributes) and writes the message for a denied call. Shared by {@link
 * PyAttributeCheck} and {@link PyCallCheck}. Not thread-safe; one per validation.
 */
final class PyDeniedNames {
    private final PyText text;
    private final PyBindings bindings;
    private final PyPolicy policy;

    PyDeniedNames(PyText text, PyBindings bindings, PyPolicy policy) {
        this.text = text;
        this.bindings = bindings;
        this.policy = policy;
    }

    /** "call:NAME" for a denied call, a module name for a denied module, null when fine. */
    String deniedName(String q, boolean checkSuffixes) {
        if (q.indexOf('.') > 0 && policy.isDeniedCall(q)) {
            return "call:" + q;
        }
        if (!checkSuffixes) {
            return null;
        }
        String module = policy.deniedModule(q);
        if (module != null) {
            return module;
        }
        String[] parts = q.split("\\.");
        for (int i = 1; i + 1 < parts.length; i++) {
            String suffix = String.join(".", Arrays.copyOfRange(parts, i, parts.length));
            if (policy.isDeniedCall(suffix)) {
                return "call:" + suffix;
            }
            if (policy.deniedModule(suffix) != null) {
                return policy.deniedModule(suffix);
            }
        }
        return null;
    }

    /** Whether the chain of attributes starts at a name bound by an import. */
    boolean rootImported(PyNode attribute) {
        PyNode root = attribute;
        while (root.is("attribute")) {
            root = root.child("object");
            if (root == null) {
                return false;
            }
        }
        return root.is("identifier") && bindings.importedNames.contains(text.name(root));
    }

    /** The finding message for denied call {@code q}, written in the code as {@code written}. */
    static String describeDenied(String q, String written) {
        String base = q.startsWith(PyRules.BUILTINS_PREFIX) ? q.substring(PyRules.BUILTINS_PREFIX.length()) : q;
        String advice = switch (base) {
            case "eval", "exec", "compile", "__import__" ->
                "runs or loads code chosen at run time; write the code directly and import modules by name";
            case "globals", "locals", "vars" -> "exposes namespaces; use the variables directly";
            case "breakpoint" -> "starts a debugger; remove it";
            case "help" -> "imports the module a string names; remove it";
            case "timeit.timeit", "timeit.repeat", "timeit.Timer", "timeit.main" ->
                "runs code given as a string; time the code with time.perf_counter() instead";
            default ->
                base.startsWith("logging.config")
                        ? "loads a logging configuration that names classes and functions to call; configure "
                                + "logging in code with logging.basicConfig, handlers and formatters"
                        : base.startsWith("logging.handlers.")
                                ? "sends log records to another host; log to stderr or to a file in the working "
                                        + "directory"
                                : base.startsWith("sys.") || base.startsWith("inspect.") || base.startsWith("types.")
                                        ? "reaches interpreter internals; use public APIs"
                                        : "spawns, signals or loads outside the sandbox's contract; use a library call that does the "
                                                + "work in Python (for example requests for HTTP, pathlib for files)";
        };
        String via = written.equals(base) ? "" : " (via " + written + ")";
        return base + via + " is denied: it " + advice;
    }
}
