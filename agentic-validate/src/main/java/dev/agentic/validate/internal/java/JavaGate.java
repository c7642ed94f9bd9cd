package dev.agentic.validate.internal.java;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.agentic.core.sandbox.HostPort;
import dev.agentic.core.sandbox.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules a gate policy adds for Java: reflective and class-loading method names denied on any receiver,
 * files read only inside the working directory, and URIs given to the HTTP client whose host is known when the
 * program is read (through constants, concatenation and the arguments every call passes to a parameter). Not
 * thread-safe; one per validation.
 */
final class JavaGate {
    private static final Pattern URL = Pattern.compile("^\\s*([a-zA-Z][a-zA-Z0-9+.-]*)://([^/?#\\s]*)");
    private static final int MAX_DEPTH = 8;
    private static final int MAX_VALUES = 32;

    /** Reflective, class-loading and configuration-loading method names, denied on any receiver. */
    private static final Set<String> DENIED_ANYWHERE = Set.of(
            "getMethod",
            "getMethods",
            "getField",
            "getFields",
            "getConstructor",
            "getConstructors",
            "newInstance",
            "invoke",
            "invokeExact",
            "invokeWithArguments",
            "getClassLoader",
            "getContextClassLoader",
            "setContextClassLoader",
            "getModule",
            "forName",
            "findVirtual",
            "findStatic",
            "findConstructor",
            "unreflect",
            "addOpens",
            "addExports",
            "readConfiguration",
            "updateConfiguration");
    /** Files methods whose first argument is a path they read or list. */
    private static final Set<String> FILES_READS = Set.of(
            "readString",
            "readAllLines",
            "readAllBytes",
            "lines",
            "newBufferedReader",
            "newInputStream",
            "list",
            "walk",
            "find",
            "newDirectoryStream",
            "size",
            "copy");

    private static final Set<String> READER_TYPES =
            Set.of("java.io.FileReader", "java.io.FileInputStream", "java.util.Scanner", "java.io.RandomAccessFile");

    /** Stands for an argument whose value cannot be followed (a lambda's parameter, a method reference's). */
    private static final Expression UNKNOWN_ARGUMENT = new NameExpr("$unknown$argument");

    private final SourceModel model;
    private final Constants constants;
    private final Findings findings;
    private final FileWriteRule files;
    private final NetworkPolicy network;

    JavaGate(SourceModel model, Constants constants, Findings findings, FileWriteRule files, NetworkPolicy network) {
        this.model = model;
        this.constants = constants;
        this.findings = findings;
        this.files = files;
        this.network = network;
    }

    void onCall(MethodCallExpr call, String owner) {
        String name = call.getNameAsString();
        List<Expression> args = call.getArguments();
        if (DENIED_ANYWHERE.contains(name) && !model.declaredMethods.contains(name)) {
            findings.error(
                    JavaRules.REFLECTION,
                    call.getName(),
                    name + ": reflection, class loading and configuration that names classes are not allowed "
                            + "under a gate policy; call the API directly.");
        }
        if ("java.net.URI".equals(owner) && name.equals("create") && args.size() == 1) {
            checkUrl("URI.create", args.get(0));
        } else if ((name.equals("newBuilder") && "java.net.http.HttpRequest".equals(owner)
                        || name.equals("uri") && call.getScope().isPresent())
                && args.size() == 1
                && !uriKnown(args.get(0), 0)) {
            unresolved(name, args.get(0));
        } else if ("java.nio.file.Files".equals(owner) && FILES_READS.contains(name) && !args.isEmpty()) {
            files.checkRead(call, "Files." + name, args.get(0));
        }
    }

    void onNew(ObjectCreationExpr creation, String type) {
        List<Expression> args = creation.getArguments();
        if ("java.net.URI".equals(type) && args.size() == 1) {
            checkUrl("new URI", args.get(0));
        } else if ("java.net.URI".equals(type) && args.size() >= 4) {
            Expression host = args.get(args.size() == 7 ? 2 : 1);
            if (values(host, 0).stream().anyMatch(v -> v.indexOf(Constants.UNKNOWN) >= 0)) {
                unresolved("new URI", host);
            }
        } else if (type != null && READER_TYPES.contains(type) && !args.isEmpty()) {
            files.checkRead(creation, "new " + JavaRules.simpleName(type), args.get(0));
        }
    }

    private void checkUrl(String what, Expression url) {
        for (String v : values(url, 0)) {
            Matcher m = URL.matcher(v);
            boolean known = m.find()
                    && m.group(2).indexOf(Constants.UNKNOWN) < 0
                    && !m.group(2).isEmpty()
                    && (m.end() < v.length() || v.indexOf(Constants.UNKNOWN) < 0);
            if (!known) {
                unresolved(what, url);
                return;
            }
        }
    }

    private void unresolved(String what, Node at) {
        String allowed = network.isNone()
                ? "the task has no network access"
                : "allowed: "
                        + network.allowedHosts().stream()
                                .map(HostPort::toString)
                                .collect(Collectors.joining(", "));
        findings.error(
                JavaRules.UNRESOLVED_HOST,
                at,
                what + " gets a host computed at run time, which cannot be checked against the task's network "
                        + "allowlist (" + allowed + "); start the URI with a literal host, for example "
                        + "URI.create(\"https://api.example.com/v1/\" + path).");
    }

    /** Whether {@code e} is a URI made where its host is checked ({@code URI.create}, {@code new URI}). */
    private boolean uriKnown(Expression e, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (e instanceof EnclosedExpr en) {
            return uriKnown(en.getInner(), depth + 1);
        }
        if (e instanceof ObjectCreationExpr o) {
            return "java.net.URI".equals(model.resolveType(o.getType()).fqn());
        }
        if (e instanceof MethodCallExpr m) {
            String owner = m.getScope().map(SourceModel::dottedName).orElse(null);
            if (m.getNameAsString().equals("create") && ("URI".equals(owner) || "java.net.URI".equals(owner))) {
                return true;
            }
            if (m.getNameAsString().equals("resolve")
                    && m.getScope().isPresent()
                    && m.getArguments().size() == 1) {
                return uriKnown(m.getScope().get(), depth + 1)
                        && values(m.getArgument(0), depth + 1).stream()
                                .allMatch(v -> !v.contains("://") && !v.startsWith("//") && !v.startsWith("\\"));
            }
            return false;
        }
        if (e instanceof NameExpr n) {
            List<Expression> passed = parameterArguments(n);
            List<Expression> vs = passed != null ? passed : model.values(n.getNameAsString(), n);
            return vs != null && !vs.isEmpty() && vs.stream().allMatch(v -> uriKnown(v, depth + 1));
        }
        return false;
    }

    /** The possible values of a string expression, following parameters to the arguments of every call. */
    private List<String> values(Expression e, int depth) {
        if (depth > MAX_DEPTH) {
            return List.of(String.valueOf(Constants.UNKNOWN));
        }
        if (e instanceof EnclosedExpr en) {
            return values(en.getInner(), depth + 1);
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            List<String> out = new ArrayList<>();
            for (String l : values(b.getLeft(), depth + 1)) {
                for (String r : values(b.getRight(), depth + 1)) {
                    out.add(l + r);
                }
            }
            return out.size() > MAX_VALUES ? List.of(String.valueOf(Constants.UNKNOWN)) : out;
        }
        if (e instanceof NameExpr n) {
            List<Expression> passed = parameterArguments(n);
            if (passed != null) {
                List<String> out = new ArrayList<>();
                for (Expression a : passed) {
                    out.addAll(values(a, depth + 1));
                }
                return out.isEmpty() || out.size() > MAX_VALUES ? List.of(String.valueOf(Constants.UNKNOWN)) : out;
            }
        }
        return constants.strings(e);
    }

    /**
     * When {@code n} names a parameter of the method around it: the argument every call of that method in this
     * file passes for it; an empty list when the method is never called; null when {@code n} is not such a
     * parameter. A method that is also used as a method reference, or a lambda's parameter, gives a list holding
     * {@code n} itself, whose value is unknown.
     */
    private List<Expression> parameterArguments(NameExpr n) {
        String name = n.getNameAsString();
        for (Node p = n.getParentNode().orElse(null);
                p != null;
                p = p.getParentNode().orElse(null)) {
            if (p instanceof LambdaExpr l) {
                if (l.getParameters().stream().anyMatch(x -> x.getNameAsString().equals(name))) {
                    return List.of(UNKNOWN_ARGUMENT);
                }
            } else if (p instanceof CallableDeclaration<?> c) {
                int index = -1;
                List<Parameter> params = c.getParameters();
                for (int i = 0; i < params.size(); i++) {
                    if (params.get(i).getNameAsString().equals(name)) {
                        index = i;
                    }
                }
                if (index < 0) {
                    return null;
                }
                if (params.get(index).isVarArgs()) {
                    return List.of(UNKNOWN_ARGUMENT);
                }
                return callArguments(c.getNameAsString(), params.size(), index);
            }
        }
        return null;
    }

    private List<Expression> callArguments(String method, int arity, int index) {
        List<Expression> out = new ArrayList<>();
        for (Node node : model.nodes) {
            if (node instanceof MethodReferenceExpr r && r.getIdentifier().equals(method)) {
                return List.of(UNKNOWN_ARGUMENT);
            }
            if (node instanceof MethodCallExpr c
                    && c.getNameAsString().equals(method)
                    && c.getArguments().size() == arity
                    && (c.getScope().isEmpty()
                            || c.getScope().get() instanceof ThisExpr
                            || c.getScope().get() instanceof NameExpr s
                                    && model.isDeclaredType(s.getNameAsString(), c))) {
                out.add(c.getArgument(index));
            }
        }
        return out;
    }
}
