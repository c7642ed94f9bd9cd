package dev.agentic.validate.internal.python;

/** The {@code denied-import} rule for {@code import} and {@code from ... import} statements. Stateless. */
final class PyImports {
    private PyImports() {}

    static void check(PyNode stmt, PyText text, PyBindings bindings, PyPolicy policy, PyEffects.Reporter reporter) {
        if (stmt.is("import_statement")) {
            for (PyNode item : stmt.children("name")) {
                PyNode dotted = item.is("aliased_import") ? item.child("name") : item;
                String module = bindings.dotted(dotted);
                String problem = policy.importProblem(module);
                if (problem != null) {
                    reporter.report(
                            PyRules.DENIED_IMPORT, true, "import " + module + ": " + problem + advice(module), item);
                }
            }
            return;
        }
        PyNode moduleNode = stmt.child("module_name");
        if (moduleNode == null) {
            return;
        }
        if (moduleNode.is("relative_import")) {
            reporter.report(
                    PyRules.DENIED_IMPORT,
                    true,
                    "relative import " + text.text(moduleNode)
                            + " is not available to a single-file program; import modules by their absolute name",
                    moduleNode);
            return;
        }
        String module = bindings.dotted(moduleNode);
        String problem = policy.importProblem(module);
        if (problem != null) {
            reporter.report(
                    PyRules.DENIED_IMPORT,
                    true,
                    "from " + module + " import ...: " + problem + advice(module),
                    moduleNode);
            return;
        }
        for (PyNode child : stmt.children) {
            if (child.is("wildcard_import") && policy.isPartial(module)) {
                reporter.report(
                        PyRules.DENIED_IMPORT,
                        true,
                        "from " + module + " import * brings in members the policy does not allow; import the allowed "
                                + "ones by name (" + policy.allowedMembers(module) + ")",
                        child);
                return;
            }
            if (child.is("wildcard_import")) {
                for (String denied : policy.deniedCalls()) {
                    if (denied.startsWith(module + ".") && policy.isDeniedCall(denied)) {
                        reporter.report(
                                PyRules.DENIED_IMPORT,
                                true,
                                "from " + module + " import * brings in " + denied
                                        + "; import the names you need explicitly",
                                child);
                        return;
                    }
                }
            }
        }
        for (PyNode item : stmt.children("name")) {
            PyNode nameNode = item.is("aliased_import") ? item.child("name") : item;
            String full = module + "." + bindings.dotted(nameNode);
            if (policy.isDeniedCall(full)) {
                reporter.report(
                        PyRules.DENIED_CALL,
                        true,
                        "from " + module + " import " + bindings.dotted(nameNode) + ": " + full
                                + " is denied; do the work with an allowed library call",
                        item);
            } else if (policy.memberProblem(full) != null) {
                reporter.report(
                        PyRules.DENIED_CALL,
                        true,
                        "from " + module + " import " + bindings.dotted(nameNode) + ": " + policy.memberProblem(full)
                                + "; import only allowed members",
                        item);
            } else if (policy.deniedModule(full) != null) {
                reporter.report(
                        PyRules.DENIED_IMPORT,
                        true,
                        "from " + module + " import "
                                + bindings.dotted(nameNode) + ": module " + policy.deniedModule(full)
                                + " is denied by the validation policy" + advice(full),
                        item);
            }
        }
    }

    private static String advice(String module) {
        String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        return switch (top) {
            case "subprocess", "multiprocessing", "pty", "pexpect", "sh", "plumbum", "posix", "nt", "os" ->
                "; do the work in Python instead of starting processes";
            case "pickle", "cPickle", "dill", "cloudpickle", "shelve", "marshal", "copyreg" -> "; use json for data";
            case "socket", "socketserver" -> "; this task has no network access";
            case "importlib", "imp", "zipimport", "runpy", "pkgutil", "code", "codeop", "builtins", "__builtin__" ->
                "; import the modules you need by name at the top of the file";
            case "ctypes", "cffi" -> "; native code is not allowed";
            case "pydoc" -> "; it looks up objects by dotted name; import the modules you need by name";
            case "doctest", "trace", "profile", "cProfile" ->
                "; it runs code given as strings; call functions " + "directly (time.perf_counter() for timing)";
            case "pip", "ensurepip", "distutils", "pipes" ->
                "; installing packages and running commands is not " + "allowed; use the modules already available";
            default -> "; use an allowed module instead";
        };
    }
}
