package dev.agentic.validate.internal.java;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rule {@code file-write-outside}: writing, creating, deleting, moving or linking files at absolute paths,
 * paths that climb out with {@code ..}, or the home and temporary directories. Relative paths below the
 * working directory pass; paths the validator cannot follow (method parameters, computed values) pass too,
 * since the sandbox confines them. Not thread-safe; one per validation.
 */
final class FileWriteRule {
    /** What is known about a path expression: inside the working directory, outside, or unknown. */
    private record PathValue(Deque<String> segments, String outside) {
        static final PathValue UNKNOWN = new PathValue(null, null);

        static PathValue outside(String why) {
            return new PathValue(null, why);
        }

        boolean isOutside() {
            return outside != null;
        }

        boolean isKnown() {
            return segments != null;
        }
    }

    private static final Set<String> FILES_WRITE_FIRST = Set.of(
            "write",
            "writeString",
            "newOutputStream",
            "newBufferedWriter",
            "createFile",
            "createDirectory",
            "createDirectories",
            "delete",
            "deleteIfExists",
            "setAttribute",
            "setPosixFilePermissions",
            "setOwner",
            "setLastModifiedTime");
    private static final Set<String> FILES_WRITE_BOTH = Set.of("move", "createLink", "createSymbolicLink");
    private static final Set<String> FILE_METHODS = Set.of(
            "delete",
            "deleteOnExit",
            "createNewFile",
            "mkdir",
            "mkdirs",
            "setWritable",
            "setReadable",
            "setExecutable",
            "setLastModified",
            "setReadOnly",
            "renameTo");
    private static final Set<String> WRITE_OPTIONS =
            Set.of("WRITE", "APPEND", "CREATE", "CREATE_NEW", "DELETE_ON_CLOSE", "TRUNCATE_EXISTING");

    private final SourceModel model;
    private final TypeInference types;
    private final Constants constants;
    private final Findings findings;
    private final Set<String> active = new HashSet<>();

    FileWriteRule(SourceModel model, TypeInference types, Constants constants, Findings findings) {
        this.model = model;
        this.types = types;
        this.constants = constants;
        this.findings = findings;
    }

    void onCall(MethodCallExpr call, String owner) {
        String name = call.getNameAsString();
        List<Expression> args = call.getArguments();
        if ("java.nio.file.Files".equals(owner)) {
            if (FILES_WRITE_FIRST.contains(name) && !args.isEmpty()) {
                check(call, name, args.get(0));
            } else if (name.equals("copy") && args.size() >= 2) {
                check(call, name, args.get(1));
            } else if (FILES_WRITE_BOTH.contains(name) && args.size() >= 2) {
                check(call, name, args.get(0));
                check(call, name, args.get(1));
            } else if (name.equals("newByteChannel") && !args.isEmpty() && writes(args)) {
                check(call, name, args.get(0));
            }
        } else if ("java.nio.channels.FileChannel".equals(owner) && name.equals("open") && writes(args)) {
            check(call, name, args.get(0));
        } else if ("java.io.File".equals(owner)
                && FILE_METHODS.contains(name)
                && call.getScope().isPresent()) {
            check(call, name, call.getScope().get());
            if (name.equals("renameTo") && args.size() == 1) {
                check(call, name, args.get(0));
            }
        }
    }

    void onNew(ObjectCreationExpr creation, String type) {
        if (type == null || creation.getArguments().isEmpty()) {
            return;
        }
        Expression first = creation.getArgument(0);
        switch (type) {
            case "java.io.FileOutputStream":
            case "java.io.FileWriter":
            case "java.io.PrintWriter":
            case "java.io.PrintStream":
                check(creation, "new " + JavaRules.simpleName(type), first);
                break;
            case "java.io.RandomAccessFile":
                String mode = creation.getArguments().size() > 1 ? constants.string(creation.getArgument(1)) : null;
                if (mode == null || mode.contains("w")) {
                    check(creation, "new RandomAccessFile", first);
                }
                break;
            default:
                break;
        }
    }

    private boolean writes(List<Expression> args) {
        return args.stream()
                .skip(1)
                .anyMatch(a -> WRITE_OPTIONS.stream().anyMatch(o -> a.toString().contains(o)));
    }

    private void check(Node at, String what, Expression path) {
        PathValue v = eval(path, 0);
        if (v.isOutside()) {
            findings.error(
                    JavaRules.FILE_WRITE_OUTSIDE,
                    at,
                    what + " writes to " + v.outside()
                            + ", outside the working directory; write only relative paths below the working directory "
                            + "(for example Path.of(\"out/report.txt\")).");
        }
    }

    /** Gate policies: reports a read or listing of a path outside the working directory. */
    void checkRead(Node at, String what, Expression path) {
        PathValue v = eval(path, 0);
        if (v.isOutside()) {
            findings.error(
                    JavaRules.READ_OUTSIDE,
                    at,
                    what + " reads " + v.outside() + ", outside the working directory; read only files below the "
                            + "working directory (inputs are placed there).");
        }
    }

    private PathValue eval(Expression e, int depth) {
        if (e == null || depth > 12) {
            return PathValue.UNKNOWN;
        }
        if (e instanceof EnclosedExpr en) {
            return eval(en.getInner(), depth + 1);
        }
        if (e instanceof ObjectCreationExpr o
                && "java.io.File".equals(model.resolveType(o.getType()).fqn())) {
            return join(o.getArguments(), depth);
        }
        if (e instanceof ObjectCreationExpr o
                && o.getArguments().size() == 1
                && "java.net.URI".equals(model.resolveType(o.getType()).fqn())) {
            return eval(o.getArgument(0), depth + 1);
        }
        if (e instanceof MethodCallExpr m) {
            return evalCall(m, depth);
        }
        if (e instanceof NameExpr n && model.isVariable(n.getNameAsString(), n)) {
            return evalVariable(n, depth);
        }
        return fromStrings(constants.strings(e));
    }

    private PathValue evalVariable(NameExpr n, int depth) {
        String name = n.getNameAsString();
        if (!active.add(name)) {
            return PathValue.UNKNOWN;
        }
        try {
            PathValue known = null;
            boolean unknown = false;
            for (Expression value : model.values(name, n)) {
                PathValue v = eval(value, depth + 1);
                if (v.isOutside()) {
                    return v;
                }
                if (v.isKnown() && known == null) {
                    known = v;
                } else if (!v.isKnown()) {
                    unknown = true;
                }
            }
            return known != null && !unknown ? known : PathValue.UNKNOWN;
        } finally {
            active.remove(name);
        }
    }

    private PathValue evalCall(MethodCallExpr m, int depth) {
        String name = m.getNameAsString();
        Expression scope = m.getScope().orElse(null);
        String owner = scope == null ? null : types.typeOf(scope);
        List<Expression> args = m.getArguments();
        switch (name) {
            case "of":
            case "get":
            case "getPath":
                return "java.nio.file.Path".equals(owner)
                                || "java.nio.file.Paths".equals(owner)
                                || name.equals("getPath")
                        ? join(args, depth)
                        : PathValue.UNKNOWN;
            case "resolve":
            case "resolveSibling":
                if (scope == null || args.size() != 1) {
                    return PathValue.UNKNOWN;
                }
                PathValue base = eval(scope, depth + 1);
                if (name.equals("resolveSibling")) {
                    base = parent(base);
                }
                return append(base, eval(args.get(0), depth + 1));
            case "toAbsolutePath":
            case "normalize":
            case "toRealPath":
            case "toPath":
            case "toFile":
            case "getAbsoluteFile":
            case "getCanonicalFile":
                return scope == null ? PathValue.UNKNOWN : eval(scope, depth + 1);
            case "getParent":
            case "getParentFile":
                return scope == null ? PathValue.UNKNOWN : parent(eval(scope, depth + 1));
            case "getRoot":
                return PathValue.outside("the file-system root");
            case "create":
                // Path.of(URI.create("file:///etc/x"))
                return "java.net.URI".equals(owner) && args.size() == 1
                        ? eval(args.get(0), depth + 1)
                        : PathValue.UNKNOWN;
            case "getProperty":
            case "getenv":
                return systemLocation(args.isEmpty() ? null : constants.string(args.get(0)));
            default:
                return fromStrings(constants.strings(m));
        }
    }

    private static PathValue systemLocation(String key) {
        if (key == null) {
            return PathValue.UNKNOWN;
        }
        switch (key) {
            case "user.home":
            case "HOME":
            case "USERPROFILE":
                return PathValue.outside("the home directory");
            case "java.io.tmpdir":
            case "TMPDIR":
            case "TMP":
            case "TEMP":
                return PathValue.outside("the temporary directory");
            case "java.home":
                return PathValue.outside("the Java installation");
            case "user.dir":
                return new PathValue(new ArrayDeque<>(), null);
            default:
                return PathValue.UNKNOWN;
        }
    }

    private PathValue join(List<Expression> parts, int depth) {
        if (parts.isEmpty()) {
            return PathValue.UNKNOWN;
        }
        PathValue v = eval(parts.get(0), depth + 1);
        for (int i = 1; i < parts.size(); i++) {
            v = append(v, eval(parts.get(i), depth + 1));
        }
        return v;
    }

    private static PathValue append(PathValue base, PathValue child) {
        if (base.isOutside()) {
            return base;
        }
        if (child.isOutside()) {
            return child;
        }
        if (!base.isKnown() || !child.isKnown()) {
            return PathValue.UNKNOWN;
        }
        Deque<String> segments = new ArrayDeque<>(base.segments());
        for (String s : child.segments()) {
            segments.addLast(s);
        }
        return new PathValue(segments, null);
    }

    private static PathValue parent(PathValue v) {
        if (!v.isKnown()) {
            return v;
        }
        if (v.segments().isEmpty()) {
            return PathValue.outside("the parent of the working directory");
        }
        Deque<String> segments = new ArrayDeque<>(v.segments());
        segments.removeLast();
        return new PathValue(segments, null);
    }

    private static PathValue fromStrings(List<String> values) {
        PathValue result = null;
        for (String s : values) {
            PathValue v = fromString(s);
            if (v.isOutside()) {
                return v;
            }
            result = result == null ? v : (v.isKnown() && result.isKnown() ? result : PathValue.UNKNOWN);
        }
        return result == null ? PathValue.UNKNOWN : result;
    }

    /** Parses a path string; a string with unknown parts is judged by its known prefix and segments. */
    static PathValue fromString(String raw) {
        String s = raw.startsWith("file:") ? raw.substring(5).replaceFirst("^//[^/]*", "") : raw;
        int unknownAt = s.indexOf(Constants.UNKNOWN);
        String shown = unknownAt < 0 ? s : s.substring(0, unknownAt) + "...";
        if (unknownAt != 0 && isAbsolute(s)) {
            return PathValue.outside(shown);
        }
        for (String location : Constants.OUTSIDE_LOCATIONS.values()) {
            if (s.startsWith(location)) {
                return PathValue.outside(shown);
            }
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String part : s.split("[/\\\\]")) {
            if (part.indexOf(Constants.UNKNOWN) >= 0) {
                continue;
            }
            if (part.equals("..")) {
                if (segments.isEmpty() || unknownAt >= 0) {
                    return PathValue.outside(shown);
                }
                segments.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                segments.addLast(part);
            }
        }
        return unknownAt >= 0 ? PathValue.UNKNOWN : new PathValue(segments, null);
    }

    private static boolean isAbsolute(String s) {
        return s.startsWith("/")
                || s.startsWith("\\")
                || (s.length() >= 2 && Character.isLetter(s.charAt(0)) && s.charAt(1) == ':');
    }
}
