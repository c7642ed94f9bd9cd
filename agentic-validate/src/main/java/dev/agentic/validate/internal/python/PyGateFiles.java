package dev.agentic.validate.internal.python;

import dev.agentic.validate.internal.python.PyText.Val;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gate's file rules for Python: files read, listed or copied only inside the working directory, databases
 * only at literal relative paths, SQL that cannot attach other files, directory changes only to literal relative
 * directories. Not thread-safe; one per validation.
 */
final class PyGateFiles {
    /** Calls whose first argument names a file or directory they read or list. */
    private static final Set<String> READS = Set.of(
            "open",
            "io.open",
            "gzip.open",
            "bz2.open",
            "lzma.open",
            "tarfile.open",
            "zipfile.ZipFile",
            "os.listdir",
            "os.scandir",
            "os.walk",
            "os.stat",
            "glob.glob",
            "glob.iglob",
            "shutil.copy",
            "shutil.copy2",
            "shutil.copyfile",
            "shutil.copytree");

    private static final Set<String> PATH_READS =
            Set.of("read_text", "read_bytes", "open", "iterdir", "glob", "rglob", "stat", "walk");
    private static final Set<String> CHDIR = Set.of("os.chdir", "contextlib.chdir");

    private static final Set<String> SQL_METHODS = Set.of("execute", "executemany", "executescript");
    private static final Pattern SQL_ESCAPES =
            Pattern.compile("(?is).*\\b(attach|vacuum\\s+into|load_extension|writable_schema)\\b.*");
    private final PyText text;
    private final PyBindings bindings;
    private final PyLeads leads;
    private final PyEffects.Reporter reporter;

    PyGateFiles(PyText text, PyBindings bindings, PyLeads leads, PyEffects.Reporter reporter) {
        this.text = text;
        this.bindings = bindings;
        this.leads = leads;
        this.reporter = reporter;
    }

    /** A call to {@code q}: reads, directory changes and database connections. */
    void onCall(PyNode call, String q, List<PyNode> positional, Map<String, PyNode> keywords) {
        if (READS.contains(q)) {
            PyNode path =
                    positional.isEmpty() ? keywords.getOrDefault("file", keywords.get("path")) : positional.get(0);
            checkRead(q, path);
        }
        if (CHDIR.contains(q)) {
            PyNode path = positional.isEmpty() ? keywords.get("path") : positional.get(0);
            if (path == null || !inside(path)) {
                reporter.report(
                        PyRules.WRITE_OUTSIDE,
                        true,
                        q + " to a directory that is not a literal path below the working directory moves every "
                                + "relative read and write; stay in the working directory and use relative paths",
                        path == null ? call : path);
            }
        }
        if (q.equals("sqlite3.connect")) {
            checkDatabase(call, positional, keywords);
        }
    }

    /** {@code cursor.execute(sql)} in a program that imports sqlite3. */
    void onSqlMethod(String method, List<PyNode> positional, Map<String, PyNode> keywords) {
        if (SQL_METHODS.contains(method)) {
            checkSql(method, positional.isEmpty() ? keywords.get("sql") : positional.get(0));
        }
    }

    /** {@code Path(...).read_text()}, {@code .glob(pattern)}: reads and listings of a pathlib path. */
    void onPathMethod(PyNode receiver, String method, List<PyNode> positional) {
        if (bindings.isPathExpr(receiver) && PATH_READS.contains(method)) {
            checkRead("Path." + method, receiver);
            if ((method.equals("glob") || method.equals("rglob")) && !positional.isEmpty()) {
                checkRead("Path." + method, positional.get(0));
            }
        }
    }

    private boolean inside(PyNode path) {
        List<Val> vs = leads.leads(path, 0);
        return !vs.isEmpty() && vs.stream().allMatch(v -> v.complete() && !PyEffects.isOutside(v));
    }

    private void checkRead(String what, PyNode path) {
        if (path == null) {
            return;
        }
        for (Val v : bindings.values(path)) {
            if (PyEffects.isOutside(v)) {
                reporter.report(
                        PyRules.READ_OUTSIDE,
                        true,
                        what + " reads '" + v.text() + (v.complete() ? "" : "...")
                                + "', outside the working directory; read only files below the working directory "
                                + "(inputs are placed there)",
                        path);
                return;
            }
        }
    }

    private void checkDatabase(PyNode call, List<PyNode> positional, Map<String, PyNode> keywords) {
        PyNode path = positional.isEmpty() ? keywords.get("database") : positional.get(0);
        PyNode uri = keywords.get("uri");
        if (uri != null && !text.text(uri).equals("False")) {
            reporter.report(
                    PyRules.WRITE_OUTSIDE,
                    true,
                    "sqlite3.connect(uri=True) opens any file a URI names; pass a plain relative file name",
                    uri);
        }
        if (path == null || !inside(path)) {
            reporter.report(
                    PyRules.WRITE_OUTSIDE,
                    true,
                    "sqlite3.connect writes the database file it is given, and this path is not a literal below the "
                            + "working directory; use a literal relative name such as \"data.db\" or \":memory:\"",
                    path == null ? call : path);
        }
    }

    private void checkSql(String method, PyNode sql) {
        if (sql == null) {
            return;
        }
        List<Val> vs = leads.leads(sql, 0);
        for (Val v : vs) {
            if (SQL_ESCAPES.matcher(v.text()).matches()) {
                reporter.report(
                        PyRules.EVALUATED_STRING,
                        true,
                        "SQL with ATTACH, VACUUM INTO or extensions opens or writes other files; keep to the "
                                + "database you connected to",
                        sql);
                return;
            }
        }
        if (vs.isEmpty() || !vs.stream().allMatch(Val::complete)) {
            reporter.report(
                    PyRules.EVALUATED_STRING,
                    true,
                    method + "() with SQL built at run time could attach another database file; write the "
                            + "statement as a literal and pass values as ? parameters",
                    sql);
        }
    }
}
