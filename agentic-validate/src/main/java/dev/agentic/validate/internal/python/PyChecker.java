package dev.agentic.validate.internal.python;

import dev.agentic.validate.internal.python.PyText.Val;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check pass: one recursive walk over the {@link PyNode} tree applying the import, call, attribute,
 * format-string and nesting rules, and handing calls and assignments to {@link PyEffects}.
 * Not thread-safe; one per validation.
 */
final class PyChecker {
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
    private final PyEffects effects;
    private final PyEffects.Reporter reporter;
    private final PyFormatFields formatFields;
    /** Gate policies' rules, or null under a lint policy. */
    private final PyGate gate;

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
            case "identifier" -> checkIdentifier(n);
            case "attribute" -> checkAttribute(n);
            case "call" -> checkCall(n);
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

    private void checkIdentifier(PyNode n) {
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
                if (ATTRIBUTE_FUNCTIONS.contains(b) && !b.equals("hasattr") && !isParameter(name, n)) {
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
                reporter.report(PyRules.DENIED_CALL, true, describeDenied(q, name), n);
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

    private void checkAttribute(PyNode n) {
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
            String problem = deniedName(q, !q.equals(literal) || rootImported(n));
            if (problem != null) {
                boolean call = problem.startsWith("call:");
                reporter.report(
                        call ? PyRules.DENIED_CALL : PyRules.DENIED_IMPORT,
                        true,
                        call
                                ? describeDenied(problem.substring(5), literal)
                                : literal + " reaches " + problem + ", a denied module; use an allowed library instead",
                        attr);
                return;
            }
        }
    }

    /** "call:NAME" for a denied call, a module name for a denied module, null when fine. */
    private String deniedName(String q, boolean checkSuffixes) {
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

    private boolean rootImported(PyNode attribute) {
        PyNode root = attribute;
        while (root.is("attribute")) {
            root = root.child("object");
            if (root == null) {
                return false;
            }
        }
        return root.is("identifier") && bindings.importedNames.contains(text.name(root));
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

    private void checkCall(PyNode call) {
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
            if (ATTRIBUTE_FUNCTIONS.contains(b) && positional.size() >= 2) {
                checkAttributeName(b, positional.get(0), positional.get(1));
                break;
            }
            if (ATTRIBUTE_FUNCTIONS.contains(b) && splat != null && !b.equals("hasattr")) {
                reporter.report(
                        PyRules.DYNAMIC_ATTRIBUTE,
                        true,
                        b + " with unpacked arguments hides which "
                                + "attribute it reaches; access the attribute directly (obj.name)",
                        splat);
                break;
            }
            if (MEMBER_LISTINGS.contains(b) && !positional.isEmpty() && rootImported(positional.get(0))) {
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
                    String problem = deniedName(base + "." + v.text(), true);
                    if (problem != null && problem.startsWith("call:")) {
                        reporter.report(
                                PyRules.DENIED_CALL,
                                true,
                                describeDenied(problem.substring(5), function + "(..., '" + v.text() + "')"),
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

    private static String describeDenied(String q, String written) {
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
